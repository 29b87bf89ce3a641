package org.vigil.tools;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.util.Textifier;
import org.objectweb.asm.util.TraceClassVisitor;
import org.objectweb.asm.util.TraceMethodVisitor;
import org.vigil.compiler.codegen.RuleClassGenerator;
import org.vigil.compiler.front.FrontEnd;
import org.vigil.compiler.front.ParseResult;
import org.vigil.compiler.front.Variables;
import org.vigil.compiler.ir.RuleOption;
import org.vigil.detect.api.Buffers;
import org.vigil.detect.artifact.PortGroup;
import org.vigil.detect.artifact.Prefilter;
import org.vigil.detect.artifact.RuleMeta;
import org.vigil.detect.artifact.RulesetImage;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vigil inspect}: what a compiled ruleset holds. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = "Show the port groups, rules and generated code of a ruleset.")
final class InspectCommand implements Callable<Integer> {
  private static final String[] CLASSES = {"tcp", "udp", "other"};

  @Parameters(index = "0", paramLabel = "<ruleset.vrs>")
  Path ruleset;

  @Option(
      names = "--groups",
      description = "List the port groups with rule counts and fast patterns.")
  boolean groups;

  @Option(names = "--sid", paramLabel = "N", description = "Show one rule's IR and generated code.")
  Long sid;

  @Option(
      names = "--threshold-file",
      paramLabel = "FILE",
      description =
          "With --sid: also show what this threshold.config (threshold, event_filter, suppress,"
              + " rate_filter) applies to the rule.")
  Path thresholdFile;

  @Option(names = "--bytecode", description = "Show the raw bytecode listing.")
  boolean bytecode;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private org.vigil.detect.threshold.ThresholdPolicy policy;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    RulesetImage image;
    try (InputStream in = Files.newInputStream(ruleset)) {
      image = RulesetImage.read(in);
    } catch (IOException e) {
      err.println("vigil inspect: " + ruleset + ": " + RunChecks.reason(e));
      err.flush();
      return Vigil.EXIT_USAGE;
    }
    org.vigil.detect.threshold.ThresholdPolicy policy =
        org.vigil.detect.threshold.ThresholdPolicy.none();
    if (thresholdFile != null) {
      try {
        policy =
            new org.vigil.detect.threshold.ThresholdPolicy(
                org.vigil.detect.threshold.ThresholdFile.read(
                    thresholdFile, org.vigil.config.VigilConfig.defaults().addressGroups()),
                thresholdFile.toString());
      } catch (IOException | org.vigil.detect.threshold.ThresholdFileException e) {
        err.println("vigil inspect: " + RunChecks.reason(e));
        err.flush();
        return Vigil.EXIT_USAGE;
      }
    }
    this.policy = policy;
    summary(image, out);
    if (groups || (sid == null && !bytecode)) {
      groups(image, out);
    }
    if (sid != null) {
      int code = rule(image, sid, out, err);
      if (code != 0) {
        return code;
      }
    } else if (bytecode) {
      for (RulesetImage.ClassEntry c : image.classes) {
        new ClassReader(c.bytes()).accept(new TraceClassVisitor(out), 0);
      }
    }
    out.flush();
    return 0;
  }

  private static void summary(RulesetImage image, PrintWriter out) {
    TreeMap<String, Integer> actions = new TreeMap<>();
    for (RuleMeta m : image.meta) {
      actions.merge(m.action().keyword(), 1, Integer::sum);
    }
    out.printf(
        "ruleset: %d rules %s, %d classes, %d flowbits%n",
        image.meta.length, actions, image.classes.size(), image.flowbitNames.size());
    out.printf(
        "compiler: %s, source sha256: %s%n",
        image.compilerVersion, image.sourceHash.isEmpty() ? "-" : image.sourceHash);
    if (!image.requiredPlugins().isEmpty()) {
      out.printf("keyword plugins needed: %s%n", String.join(", ", image.requiredPlugins()));
    }
  }

  /**
   * Rules without a fast pattern that the group's header indexes make candidates only when their
   * key matches.
   */
  private static String keyed(PortGroup g) {
    StringBuilder b = new StringBuilder();
    keyed(b, "source address", g.bySource());
    keyed(b, "destination address", g.byDestination());
    keyed(b, "destination port", g.byDestinationPort());
    keyed(b, "ICMP type", g.byIcmpType());
    return b.toString();
  }

  private static void keyed(
      StringBuilder b, String key, org.vigil.detect.artifact.AddressIndex index) {
    if (index != null && !index.isEmpty()) {
      b.append(", ").append(index.rules().length).append(" keyed by ").append(key);
    }
  }

  private static void groups(RulesetImage image, PrintWriter out) {
    for (int pc = 0; pc < 3; pc++) {
      group(image, image.anyGroups[pc], out);
      for (PortGroup g : image.portGroups[pc]) {
        group(image, g, out);
      }
    }
  }

  private static void group(RulesetImage image, PortGroup g, PrintWriter out) {
    out.printf(
        "group %-28s %6d rules, %5d always candidates%s%n",
        g.name(), g.ruleCount(), g.always().length, keyed(g));
    for (int b = 0; b < Buffers.COUNT; b++) {
      Prefilter p = g.prefilter(b);
      if (p == null) {
        continue;
      }
      out.printf(
          "    %-18s %6d fast patterns (%d rules), %d states%n",
          Buffers.name(b), p.patternCount(), p.entryCount(), p.stateCount());
      int[] rules = p.rules();
      int shown = 0;
      for (int i = 0; i < rules.length && shown < 5; i++, shown++) {
        RuleMeta m = image.meta[rules[i]];
        out.printf("        sid %-10d %s%n", m.sid(), image.fastPatterns[rules[i]]);
      }
      if (rules.length > shown) {
        out.printf("        ... %d more%n", rules.length - shown);
      }
    }
  }

  private int rule(RulesetImage image, long wanted, PrintWriter out, PrintWriter err) {
    int idx = -1;
    for (int i = 0; i < image.meta.length; i++) {
      if (image.meta[i].sid() == wanted) {
        idx = i;
        break;
      }
    }
    if (idx < 0) {
      err.println("vigil inspect: no rule with sid " + wanted + " in " + ruleset);
      err.flush();
      return Vigil.EXIT_USAGE;
    }
    RuleMeta m = image.meta[idx];
    out.printf(
        "%nrule #%d  %d:%d:%d  %s  \"%s\"%n",
        idx, m.gid(), m.sid(), m.rev(), m.action().keyword(), m.msg());
    out.printf(
        "classtype %s, priority %d, references %s%s%n",
        m.classtype(), m.priority(), m.references(), "");
    ThresholdReport.print(m, policy, out);
    out.printf(
        "fast pattern: %s%n",
        image.fastPatterns[idx].isEmpty() ? "none (always a candidate)" : image.fastPatterns[idx]);
    String src = image.ruleSource[idx];
    int nl = src.indexOf('\n');
    out.printf("source %s:%n  %s%n", src.substring(0, nl), src.substring(nl + 1));
    ParseResult pr =
        FrontEnd.parseText(src.substring(0, nl), src.substring(nl + 1), Variables.defaults());
    if (!pr.rules().isEmpty()) {
      var r = pr.rules().get(0);
      out.printf(
          "IR: %s %s %s %s %s %s %s%n",
          r.action(),
          r.protocol(),
          r.sourceAddress(),
          r.sourcePort(),
          r.direction().text(),
          r.destinationAddress(),
          r.destinationPort());
      for (RuleOption o : r.options()) {
        out.println("  " + o);
      }
    }
    RulesetImage.ClassEntry owner = null;
    for (RulesetImage.ClassEntry c : image.classes) {
      if (idx >= c.firstRule() && idx < c.firstRule() + c.ruleCount()) {
        owner = c;
      }
    }
    if (owner == null) {
      err.println("vigil inspect: corrupt ruleset: rule " + idx + " has no class");
      return Vigil.EXIT_FAILURE;
    }
    String method = RuleClassGenerator.methodName(idx);
    out.printf("generated code: %s.%s%n", owner.name(), method);
    Textifier text = new Textifier();
    new ClassReader(owner.bytes())
        .accept(
            new ClassVisitor(Opcodes.ASM9) {
              @Override
              public MethodVisitor visitMethod(
                  int access, String name, String desc, String signature, String[] exceptions) {
                return name.equals(method) ? new TraceMethodVisitor(text) : null;
              }
            },
            0);
    text.print(out);
    if (bytecode) {
      out.printf("%nclass %s:%n", owner.name());
      new ClassReader(owner.bytes()).accept(new TraceClassVisitor(out), 0);
    }
    return 0;
  }
}
