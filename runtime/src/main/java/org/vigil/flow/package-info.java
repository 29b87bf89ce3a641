/** The per-thread flow table: symmetric hashing, timeouts on packet time, memory cap, flow end records, slots. */
package org.vigil.flow;
