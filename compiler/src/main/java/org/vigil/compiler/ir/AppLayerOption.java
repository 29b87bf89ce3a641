package org.vigil.compiler.ir;

/** Options that test application-layer state (SSL/TLS, DCE/RPC, SIP). */
public sealed interface AppLayerOption extends RuleOption
    permits SslVersion,
        SslState,
        TlsVersion,
        DceIface,
        DceOpnum,
        SipMethod,
        SipStatCode,
        AppLayerEvent {}
