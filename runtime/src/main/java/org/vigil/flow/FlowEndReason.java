package org.vigil.flow;

/** Why a flow left the table: its timeout passed, it was evicted under the memory cap, or the capture ended. */
public enum FlowEndReason { TIMEOUT, EVICTED, END_OF_CAPTURE }
