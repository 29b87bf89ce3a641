package org.vigil.tools;

import java.io.PrintWriter;
import java.util.Map;
import org.vigil.compiler.front.Keywords;

/** The information flags of {@code vigil}: --build-info, --list-keywords, --list-runmodes. */
final class InfoFlags {
  private InfoFlags() {}

  /** {@code --build-info}: version, platform and what this build can do. */
  static int buildInfo(PrintWriter out) {
    Keywords k = new Keywords();
    out.println("This is Vigil version " + VersionProvider.vigilVersion());
    out.println(
        "JDK: "
            + System.getProperty("java.version")
            + " ("
            + System.getProperty("java.vendor")
            + ", "
            + System.getProperty("java.home")
            + ")");
    out.println(
        "Platform: "
            + System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch")
            + ", "
            + Runtime.getRuntime().availableProcessors()
            + " CPUs, max heap "
            + Runtime.getRuntime().maxMemory() / (1024 * 1024)
            + " MiB");
    out.println("Rule engine: rules compiled to JVM bytecode (.vrs artifacts, Ed25519 signing)");
    out.println(
        "pcre: RE2/J (linear time) when equivalent, else java.util.regex under match limits");
    out.println("Capture: pcap/pcapng files and folders (-r), NFQUEUE inline (-q)");
    out.println("Run modes: single, workers, autofp, custom");
    out.println(
        "Rule keywords: "
            + k.names().size()
            + " supported, "
            + k.unsupported().size()
            + " rejected");
    out.println("Threshold file: threshold, event_filter, suppress, rate_filter");
    out.flush();
    return 0;
  }

  /**
   * {@code --list-keywords[=all|NAME]}: every keyword (supported, or rejected with the reason), or
   * one; exit 1 for a name the compiler does not know.
   */
  static int listKeywords(String which, PrintWriter out, PrintWriter err) {
    Keywords k = new Keywords();
    if (which.isEmpty() || which.equals("all")) {
      out.println("===== Supported keywords =====");
      k.names().forEach(n -> out.println("- " + n));
      out.println("===== Rejected keywords =====");
      for (Map.Entry<String, String> e : k.unsupported().entrySet()) {
        out.println("- " + e.getKey() + ": " + e.getValue());
      }
      out.flush();
      return 0;
    }
    if (k.names().contains(which)) {
      out.println(which + ": supported");
      out.flush();
      return 0;
    }
    String reason = k.unsupportedReason(which);
    if (reason != null) {
      out.println(which + ": rejected: " + reason);
      out.flush();
      return 0;
    }
    String near = k.suggestion(which);
    err.println(
        "vigil: unknown keyword '"
            + which
            + "'"
            + (near == null ? "" : " (did you mean '" + near + "'?)"));
    err.flush();
    return Vigil.EXIT_FAILURE;
  }

  /** {@code --list-runmodes}: the run modes per packet source, in Suricata's table layout. */
  static int listRunmodes(PrintWriter out) {
    String line = "-".repeat(96);
    out.println("------------------------------------- Runmodes " + "-".repeat(50));
    out.printf("| %-17s | %-12s | %s%n", "RunMode Type", "Custom Mode", "Description");
    out.println("|" + line);
    String[][] rows = {
      {"PCAP_FILE", "single", "One thread decodes, tracks flows and streams, detects and logs."},
      {
        "",
        "workers",
        "A reader decodes; N workers pinned to flows by the symmetric flow hash do the rest."
      },
      {"", "autofp", "As workers, with one output thread that writes the alerts and logs."},
      {"", "custom", "The layout of threading.workers in vigil.yaml (routers, modules, CPUs)."},
      {"NFQ", "single", "Inline on a Linux NFQUEUE: verdicts per packet, one thread."}
    };
    for (String[] r : rows) {
      out.printf("| %-17s | %-12s | %s%n", r[0], r[1], r[2]);
    }
    out.println("|" + line);
    out.flush();
    return 0;
  }
}
