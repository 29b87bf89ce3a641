package org.vigil.compiler.ir;

/** Options that describe a rule and do not take part in matching (msg, sid, reference, ...). */
public sealed interface MetaOption extends RuleOption
    permits Msg, Reference, Gid, Sid, Rev, Classtype, Priority, Metadata, Target {}
