package org.vigil.tools;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.vigil.compiler.artifact.Compilation;
import org.vigil.compiler.artifact.RulesetCompiler;
import org.vigil.compiler.front.Diagnostic;
import org.vigil.compiler.front.FrontEnd;
import org.vigil.compiler.front.ParseResult;
import org.vigil.compiler.front.Variables;
import org.vigil.config.ClassificationConfig;
import org.vigil.config.ConfigException;
import org.vigil.config.VigilConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vigil compile}: rule files to one compiled ruleset artifact; {@code --check} runs the
 * front end only.
 */
@Command(
    name = "compile",
    mixinStandardHelpOptions = true,
    description = "Compile rule files into a ruleset artifact (.vrs).")
final class CompileCommand implements Callable<Integer> {
  @Option(
      names = "-S",
      paramLabel = "<rules file|dir>",
      required = true,
      description = "Rule file or folder; repeatable.")
  List<Path> rules = new ArrayList<>();

  @Option(names = "-c", paramLabel = "vigil.yaml", description = "Configuration file.")
  Path config;

  @Option(
      names = "--set",
      paramLabel = "key=value",
      description = "Override a vigil.yaml key; repeatable.")
  List<String> overrides = new ArrayList<>();

  @Option(
      names = "-o",
      paramLabel = "<ruleset.vrs>",
      description = "The compiled ruleset to write.")
  Path output;

  @Option(
      names = "--report",
      paramLabel = "report.json",
      description = "Write a JSON report of loaded and failed rules.")
  Path report;

  @Option(
      names = "--sign",
      paramLabel = "key.pem",
      description =
          "Sign the ruleset with this Ed25519 private key (PKCS#8 PEM); runs check it with --trust.")
  Path signKey;

  @Option(
      names = "--check",
      description =
          "Stop after the front end: parse and check the rules, write no artifact; exit 1 when any"
              + " rule fails.")
  boolean check;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter out = spec.commandLine().getOut();
    if (!check && output == null) {
      err.println(
          "vigil compile: -o <ruleset.vrs> is required (or --check to only check the rules)");
      err.flush();
      return Vigil.EXIT_USAGE;
    }
    java.security.PrivateKey signer = null;
    if (signKey != null) {
      try {
        signer = org.vigil.detect.artifact.VrsKeys.readPrivate(signKey);
      } catch (IOException e) {
        err.println("vigil compile: --sign " + RunChecks.reason(e));
        err.flush();
        return Vigil.EXIT_USAGE;
      }
    }
    VigilConfig cfg;
    ClassificationConfig classes;
    try {
      cfg = VigilConfig.load(config, overrides);
      classes = ClassificationConfig.load(cfg.classificationFile());
    } catch (ConfigException e) {
      err.println("vigil compile: " + RunChecks.reason(e));
      err.flush();
      return Vigil.EXIT_USAGE;
    }
    cfg.warnings().forEach(w -> err.println("vigil compile: warning: " + w));
    ParseResult result;
    try {
      result = FrontEnd.parse(rules, Variables.from(cfg), classes);
    } catch (IOException | ConfigException e) {
      err.println("vigil compile: " + RunChecks.reason(e));
      err.flush();
      return Vigil.EXIT_USAGE;
    }
    Compilation compiled = null;
    if (!check) {
      try {
        compiled =
            Compilation.run(result, classes, RulesetCompiler.sourceHash(FrontEnd.expand(rules)));
      } catch (IOException e) {
        err.println("vigil compile: " + RunChecks.reason(e));
        err.flush();
        return Vigil.EXIT_USAGE;
      }
      result = compiled.combined();
    }
    for (Diagnostic d : result.errors()) {
      err.println(d.format());
    }
    if (compiled != null) {
      for (org.vigil.compiler.analysis.Diagnostic w : compiled.backend().warnings()) {
        err.println(w);
      }
    }
    printSummary(err, result);
    err.flush();
    if (report != null) {
      try {
        writeReport(report, result);
      } catch (IOException e) {
        err.println("vigil compile: cannot write report " + report + ": " + RunChecks.reason(e));
        err.flush();
        return Vigil.EXIT_FAILURE;
      }
    }
    if (check) {
      out.printf(
          "%d rules checked: %d loaded, %d failed%n",
          result.total(), result.rules().size(), result.failed());
      out.flush();
      // a check is a test: any rule that fails to load fails it (as suricata -T)
      return result.failed() > 0 ? Vigil.EXIT_FAILURE : 0;
    }
    try {
      compiled.backend().write(output, signer);
    } catch (IOException e) {
      err.println("vigil compile: cannot write " + output + ": " + RunChecks.reason(e));
      err.flush();
      return Vigil.EXIT_FAILURE;
    }
    out.printf("%d rules compiled into %s%n", result.rules().size(), output);
    out.flush();
    return 0;
  }

  private static void printSummary(PrintWriter err, ParseResult r) {
    err.printf("%d rules read, %d loaded, %d failed%n", r.total(), r.rules().size(), r.failed());
    for (Map.Entry<String, Integer> e : r.summary().entrySet()) {
      err.printf("  %6d  %s%n", e.getValue(), e.getKey());
    }
  }

  /** Writes the report CLI.md specifies (plus each error's reason and a summary by reason). */
  static void writeReport(Path file, ParseResult r) throws IOException {
    try (JsonGenerator g = new JsonFactory().createGenerator(file.toFile(), JsonEncoding.UTF8)) {
      g.useDefaultPrettyPrinter();
      g.writeStartObject();
      g.writeNumberField("rules_total", r.total());
      g.writeNumberField("rules_loaded", r.rules().size());
      g.writeNumberField("rules_failed", r.failed());
      g.writeArrayFieldStart("errors");
      for (Diagnostic d : r.errors()) {
        g.writeStartObject();
        g.writeStringField("file", d.pos().file());
        g.writeNumberField("line", d.pos().line());
        g.writeNumberField("column", d.pos().column());
        if (d.sid() == null) {
          g.writeNullField("sid");
        } else {
          g.writeNumberField("sid", d.sid());
        }
        g.writeStringField("message", d.message());
        g.writeStringField("reason", d.reason());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeObjectFieldStart("summary");
      for (Map.Entry<String, Integer> e : r.summary().entrySet()) {
        g.writeNumberField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
      g.writeEndObject();
    }
  }
}
