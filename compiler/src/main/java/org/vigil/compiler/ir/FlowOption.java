package org.vigil.compiler.ir;

/** Options about the flow a packet belongs to: direction and state, flowbits, stream size. */
public sealed interface FlowOption extends RuleOption
    permits Flow, Flowbits, StreamSize, AppLayerProtocol, Xbits, Flowint {}
