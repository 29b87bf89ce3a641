package org.vigil.tools;

import java.nio.file.Path;
import org.vigil.config.VigilConfig;
import picocli.CommandLine.Option;

/**
 * The daemon's options of {@code vigil run}, as Suricata's: {@code -D}, {@code -v} (repeatable) and
 * {@code --unix-socket[=PATH]} (also {@code unix-command} of the configuration).
 */
final class OperatorRunOptions {
  /** Where the socket goes when neither the command line nor the configuration names a file. */
  static final String DEFAULT_SOCKET = "/var/run/vigil/vigil-command.socket";

  @Option(
      names = "-D",
      description =
          "Run in the background (a session of its own); returns once the rules are loaded. The"
              + " engine's messages go to vigil.log in the log folder.")
  boolean daemon;

  @Option(
      names = "-v",
      description =
          "Print more on the console: -v info, -vv perf, -vvv config lines (vigil.log in the log"
              + " folder always has the info lines).")
  boolean[] verbose = new boolean[0];

  @Option(
      names = "--unix-socket",
      arity = "0..1",
      fallbackValue = "",
      paramLabel = "PATH",
      description =
          "Listen for suricatasc's commands on a unix socket (default: unix-command.filename of the"
              + " config, else "
              + DEFAULT_SOCKET
              + "). Without -r/-i/-q: the unix-socket run mode, reading the captures pcap-file queues.")
  String unixSocket;

  /** The count of {@code -v}. */
  int verbosity() {
    return verbose.length;
  }

  /** True when the run has no packet source of its own: it reads what {@code pcap-file} queues. */
  boolean socketRunMode() {
    return unixSocket != null;
  }

  /**
   * The socket of the run: {@code --unix-socket}'s path, else {@code unix-command.filename} (a
   * relative one under /var/run/vigil), when the flag or {@code unix-command.enabled: yes} asks for
   * one; null for none.
   */
  Path socketPath(VigilConfig cfg) {
    String configured = cfg.getString("unix-command.filename", null);
    Path fromConfig =
        configured == null || configured.isBlank()
            ? Path.of(DEFAULT_SOCKET)
            : Path.of(DEFAULT_SOCKET).getParent().resolve(configured);
    if (unixSocket != null) {
      return unixSocket.isEmpty() ? fromConfig : Path.of(unixSocket);
    }
    String enabled = cfg.getString("unix-command.enabled", "no");
    return enabled.equals("yes") || enabled.equals("true") ? fromConfig : null;
  }
}
