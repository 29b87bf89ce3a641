package org.vigil.compiler.artifact;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vigil.compiler.analysis.BackendException;
import org.vigil.compiler.analysis.Diagnostic;
import org.vigil.compiler.analysis.FlowbitsGraph;
import org.vigil.compiler.analysis.RuleAnalyzer;
import org.vigil.compiler.analysis.RuleOrder;
import org.vigil.compiler.analysis.RulePlan;
import org.vigil.compiler.codegen.RuleClassGenerator;
import org.vigil.compiler.ir.DetectionFilter;
import org.vigil.compiler.ir.Reference;
import org.vigil.compiler.ir.Rule;
import org.vigil.compiler.ir.Threshold;
import org.vigil.compiler.ir.Track;
import org.vigil.compiler.mpm.SignatureGroups;
import org.vigil.detect.Ruleset;
import org.vigil.detect.RulesetLinker;
import org.vigil.detect.artifact.FileBytes;
import org.vigil.detect.artifact.RuleAction;
import org.vigil.detect.artifact.RuleMeta;
import org.vigil.detect.artifact.RulesetImage;

/**
 * The back end's entry point: analyses parsed rules, orders them, builds the signature groups and
 * prefilters, generates the rule classes and assembles a {@link RulesetImage} (written as a {@code
 * .vrs} or linked in memory). Rules that cannot be compiled are reported and left out; they never
 * stop the others.
 */
public final class RulesetCompiler {
  /** Version written into every artifact. */
  public static final String VERSION = "vigil-compiler 0.1.0";

  /** Rules per generated class (keeps constant pools and class sizes small). */
  public static final int RULES_PER_CLASS = 200;

  /** Suricata's priority for rules without priority or known classtype. */
  public static final int DEFAULT_PRIORITY = 3;

  /**
   * What a compilation produced.
   *
   * @param plans the compiled rules in evaluation order (plan i is global rule i)
   * @param errors rules left out, one diagnostic each
   */
  public record Result(
      RulesetImage image,
      List<RulePlan> plans,
      List<Diagnostic> errors,
      List<Diagnostic> warnings) {
    /** Links the image into a runnable ruleset (in-memory compile, {@code vigil run -S}). */
    public Ruleset link() {
      return RulesetLinker.link(image);
    }

    /** As {@link #link()} with the pcre limits and failure counters of {@code guard}. */
    public Ruleset link(org.vigil.detect.api.RuleGuard guard) {
      return RulesetLinker.link(image, false, guard);
    }

    /** Writes the image as an unsigned {@code .vrs} file. */
    public void write(Path file) throws IOException {
      write(file, null);
    }

    /**
     * Writes the image as a {@code .vrs} file, signed with the Ed25519 key {@code signer} unless it
     * is null.
     */
    public void write(Path file, java.security.PrivateKey signer) throws IOException {
      try (OutputStream out = Files.newOutputStream(file)) {
        image.write(out, signer);
      }
    }
  }

  private RulesetCompiler() {}

  /** Compiles with no classtype priorities and no source hash. */
  public static Result compile(List<Rule> rules) {
    return compile(rules, Map.of(), "");
  }

  /**
   * Compiles {@code rules}. {@code classPriority} maps classtype names to priorities
   * (classification.config); {@code sourceHash} identifies the rule sources (see {@link
   * #sourceHash}).
   */
  public static Result compile(
      List<Rule> rules, Map<String, Integer> classPriority, String sourceHash) {
    List<Diagnostic> errors = new ArrayList<>();
    RuleAnalyzer analyzer = new RuleAnalyzer();
    List<RulePlan> plans = new ArrayList<>();
    for (Rule r : rules) {
      try {
        plans.add(analyzer.analyze(r));
      } catch (BackendException e) {
        errors.add(new Diagnostic(e.pos(), r.sid(), e.getMessage(), false));
      } catch (RuntimeException e) {
        errors.add(
            new Diagnostic(r.pos(), r.sid(), "internal error compiling the rule: " + e, false));
      }
    }
    List<Diagnostic> warnings = new ArrayList<>(analyzer.warnings());
    while (true) {
      FlowbitsGraph bits = new FlowbitsGraph(plans);
      List<RulePlan> ordered = RuleOrder.sort(plans, p -> priority(p.rule(), classPriority));
      List<RulesetImage.ClassEntry> classes = new ArrayList<>();
      Set<RulePlan> bad = new HashSet<>();
      // the classes are independent: generate them in parallel, then handle failures in order
      int slices = (ordered.size() + RULES_PER_CLASS - 1) / RULES_PER_CLASS;
      Object[] generated =
          java.util.stream.IntStream.range(0, slices)
              .parallel()
              .mapToObj(
                  k -> {
                    int first = k * RULES_PER_CLASS;
                    List<RulePlan> slice =
                        ordered.subList(first, Math.min(ordered.size(), first + RULES_PER_CLASS));
                    try {
                      return (Object)
                          RuleClassGenerator.generate(
                              RuleClassGenerator.PACKAGE + "Rules" + k, slice, first, bits.ids());
                    } catch (RuntimeException e) {
                      return e;
                    }
                  })
              .toArray();
      for (int first = 0; first < ordered.size(); first += RULES_PER_CLASS) {
        List<RulePlan> slice =
            ordered.subList(first, Math.min(ordered.size(), first + RULES_PER_CLASS));
        String name = RuleClassGenerator.PACKAGE + "Rules" + (first / RULES_PER_CLASS);
        if (generated[first / RULES_PER_CLASS] instanceof byte[] bytes) {
          classes.add(
              new RulesetImage.ClassEntry(name.replace('/', '.'), first, slice.size(), bytes));
        } else {
          RuntimeException e = (RuntimeException) generated[first / RULES_PER_CLASS];
          // find the rules that cannot be generated, report them, and lay the ruleset out again
          for (int k = 0; k < slice.size(); k++) {
            try {
              RuleClassGenerator.generate(name, List.of(slice.get(k)), first + k, bits.ids());
            } catch (BackendException be) {
              bad.add(slice.get(k));
              errors.add(
                  new Diagnostic(be.pos(), slice.get(k).rule().sid(), be.getMessage(), false));
            } catch (RuntimeException re) {
              bad.add(slice.get(k));
              errors.add(
                  new Diagnostic(
                      slice.get(k).rule().pos(),
                      slice.get(k).rule().sid(),
                      "rule cannot be compiled to bytecode: " + re.getMessage(),
                      false));
            }
          }
          if (bad.isEmpty()) {
            throw new IllegalStateException("code generation failed for " + name, e);
          }
        }
      }
      if (!bad.isEmpty()) {
        plans.removeAll(bad);
        continue;
      }
      warnings.addAll(bits.warnings());
      RuleMeta[] meta = new RuleMeta[ordered.size()];
      String[] src = new String[ordered.size()];
      String[] fps = new String[ordered.size()];
      for (int i = 0; i < meta.length; i++) {
        Rule r = ordered.get(i).rule();
        meta[i] = meta(i, r, classPriority);
        src[i] = r.pos() + "\n" + r.source().text();
        fps[i] = describe(ordered.get(i).fastPattern());
      }
      SignatureGroups.Groups groups = SignatureGroups.build(ordered);
      RulesetImage image =
          new RulesetImage(
              VERSION,
              sourceHash,
              meta,
              src,
              fps,
              bits.names(),
              classes,
              groups.any(),
              groups.ports(),
              groups.portMaps(),
              pluginUses(ordered));
      return new Result(image, List.copyOf(ordered), errors, warnings);
    }
  }

  /** The keyword plugin options of {@code ordered} (plan i is global rule i), for the artifact. */
  private static List<RulesetImage.PluginUse> pluginUses(List<RulePlan> ordered) {
    List<RulesetImage.PluginUse> uses = new ArrayList<>();
    for (int i = 0; i < ordered.size(); i++) {
      List<org.vigil.compiler.ir.RuleOption> opts = ordered.get(i).rule().options();
      for (int k = 0; k < opts.size(); k++) {
        if (opts.get(k) instanceof org.vigil.compiler.ir.PluginOption p) {
          uses.add(
              new RulesetImage.PluginUse(i, k, p.name(), p.pluginClass(), p.version(), p.value()));
        }
      }
    }
    return uses;
  }

  /** {@code buffer:"text"} with non-printable bytes as |hex|; "" for none. */
  public static String describe(RulePlan.FastPatternChoice fp) {
    if (fp == null) {
      return "";
    }
    StringBuilder sb =
        new StringBuilder(org.vigil.detect.api.Buffers.name(fp.bufferId())).append(":\"");
    for (byte b : fp.bytes()) {
      int c = b & 0xff;
      if (c >= 0x20 && c < 0x7f && c != '"' && c != '|' && c != '\\') {
        sb.append((char) c);
      } else {
        sb.append('|').append(String.format("%02x", c)).append('|');
      }
    }
    sb.append('"');
    if (fp.nocase()) {
      sb.append(" nocase");
    }
    return sb.toString();
  }

  private static int priority(Rule r, Map<String, Integer> classPriority) {
    if (r.priority() != null) {
      return r.priority();
    }
    if (r.classtype() != null) {
      Integer p = classPriority.get(r.classtype());
      if (p != null) {
        return p;
      }
    }
    return DEFAULT_PRIORITY;
  }

  /** The runtime's action for a rule header's action. */
  static RuleAction ruleAction(org.vigil.compiler.ir.Action action) {
    return switch (action) {
      case ALERT -> RuleAction.ALERT;
      case LOG -> RuleAction.LOG;
      case PASS -> RuleAction.PASS;
      case DROP -> RuleAction.DROP;
      case REJECT -> RuleAction.REJECT;
      case SDROP -> RuleAction.SDROP;
    };
  }

  private static RuleMeta meta(int index, Rule r, Map<String, Integer> classPriority) {
    List<String> refs = new ArrayList<>();
    for (Reference ref : r.all(Reference.class)) {
      refs.add(ref.system() + "," + ref.id());
    }
    RuleMeta.RateLimit rl = null;
    for (Threshold t : r.all(Threshold.class)) {
      rl =
          new RuleMeta.RateLimit(
              t.type().text(), t.track() == Track.BY_SRC, t.count(), t.seconds());
    }
    for (DetectionFilter d : r.all(DetectionFilter.class)) {
      rl =
          new RuleMeta.RateLimit(
              "detection_filter", d.track() == Track.BY_SRC, d.count(), d.seconds());
    }
    return new RuleMeta(
        index,
        r.gid(),
        r.sid(),
        r.rev(),
        ruleAction(r.action()),
        r.msg(),
        r.classtype(),
        priority(r, classPriority),
        List.copyOf(refs),
        rl,
        org.vigil.compiler.analysis.InspectionScope.of(r)
            | (org.vigil.compiler.analysis.IpOnly.of(r) ? RuleMeta.IP_ONLY : 0)
            | target(r)
            | flowNeeds(r),
        metadata(r));
  }

  /**
   * The {@link RuleMeta} flow bits of what the rule's {@code flow:} options need of a packet (its
   * direction, an established flow), each checked by the rule's code.
   */
  private static int flowNeeds(Rule r) {
    int bits = 0;
    for (org.vigil.compiler.ir.Flow f : r.all(org.vigil.compiler.ir.Flow.class)) {
      if (f.direction() == org.vigil.compiler.ir.Flow.Dir.TO_SERVER) {
        bits |= RuleMeta.FLOW_TO_SERVER;
      } else if (f.direction() == org.vigil.compiler.ir.Flow.Dir.TO_CLIENT) {
        bits |= RuleMeta.FLOW_TO_CLIENT;
      }
      if (f.state() == org.vigil.compiler.ir.Flow.State.ESTABLISHED) {
        bits |= RuleMeta.FLOW_ESTABLISHED;
      }
    }
    return bits;
  }

  /** The {@link RuleMeta} target bit of the rule's last {@code target:} option, or 0. */
  private static int target(Rule r) {
    int bit = 0;
    for (org.vigil.compiler.ir.Target t : r.all(org.vigil.compiler.ir.Target.class)) {
      bit =
          t.side() == org.vigil.compiler.ir.Target.Side.SRC_IP
              ? RuleMeta.TARGET_SRC
              : RuleMeta.TARGET_DEST;
    }
    return bit;
  }

  /**
   * The rule's metadata values grouped by key, as Suricata 7 writes its alert metadata object: it
   * groups the entries last to first, so keys come in order of their last entry and each key's
   * values last to first.
   */
  private static java.util.Map<String, List<String>> metadata(Rule r) {
    List<org.vigil.compiler.ir.Metadata.Entry> all = new ArrayList<>();
    for (org.vigil.compiler.ir.Metadata md : r.all(org.vigil.compiler.ir.Metadata.class)) {
      all.addAll(md.entries());
    }
    java.util.Map<String, List<String>> m = new java.util.LinkedHashMap<>();
    for (org.vigil.compiler.ir.Metadata.Entry e : all.reversed()) {
      m.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(e.value());
    }
    return m;
  }

  /** SHA-256 over the given rule files' bytes, in order (the artifact's source hash). */
  public static String sourceHash(List<Path> files) throws IOException {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (Path f : files) {
        md.update(f.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        md.update(FileBytes.read(f));
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
