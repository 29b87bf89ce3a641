package org.vigil.compiler.ir;

/** Options that inspect a data buffer (payload, stream, HTTP fields, decoded data). */
public sealed interface PayloadOption extends RuleOption
    permits Content,
        Pcre,
        ByteTest,
        ByteJump,
        ByteExtract,
        IsDataAt,
        Urilen,
        Bsize,
        Transform,
        StickyBuffer,
        Base64Decode,
        Asn1,
        Ftpbounce,
        PluginOption,
        ByteMath,
        DatasetMatch,
        Datarep {
  /** The buffer this option inspects (for a sticky buffer keyword, the buffer it selects). */
  Buffer buffer();
}
