package org.vigil.compiler.ir;

/** One option of a rule body, in source order; each family is its own sealed sub-interface. */
public sealed interface RuleOption
    permits MetaOption,
        PayloadOption,
        PacketOption,
        FlowOption,
        PostDetectionOption,
        AppLayerOption {
  /** Where the option's keyword was written. */
  SourcePos pos();

  /** The rule keyword this option was written with (canonical name). */
  String keyword();
}
