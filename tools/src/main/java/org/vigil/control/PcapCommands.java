package org.vigil.control;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The commands of the unix-socket run mode: {@code pcap-file}, {@code pcap-file-continuous}, {@code
 * pcap-file-number}, {@code pcap-file-list}, {@code pcap-current}, {@code pcap-last-processed} and
 * {@code pcap-interrupt}.
 */
public final class PcapCommands implements CommandGroup {
  private final PcapQueue queue;

  /** The commands feeding {@code queue}. */
  public PcapCommands(PcapQueue queue) {
    this.queue = queue;
  }

  @Override
  public Map<String, Command> commands() {
    Map<String, Command> m = new LinkedHashMap<>();
    m.put("pcap-file", a -> add(a, false));
    m.put("pcap-file-continuous", a -> add(a, true));
    m.put("pcap-file-number", a -> Reply.ok(queue.waitingCount()));
    m.put("pcap-file-list", a -> list());
    m.put("pcap-current", a -> current());
    m.put("pcap-last-processed", a -> Reply.ok(queue.lastProcessedMillis()));
    m.put("pcap-interrupt", a -> interrupt());
    return m;
  }

  /**
   * {@code pcap-file FILE OUTPUT-DIR [TENANT] [CONTINUOUS] [DELETE-WHEN-DONE]}: queues a capture
   * file or folder; the output folder must exist.
   */
  private Reply add(Map<String, Object> a, boolean continuous) {
    Object file = a.get("filename");
    Object out = a.get("output-dir");
    if (file == null || out == null) {
      return Reply.nok("pcap-file needs the arguments filename and output-dir");
    }
    Path capture = Path.of(String.valueOf(file));
    Path dir = Path.of(String.valueOf(out));
    if (!Files.exists(capture)) {
      return Reply.nok("Using Vigil with a file or folder that does not exist: " + capture);
    }
    if (!Files.isDirectory(dir)) {
      return Reply.nok("The output directory does not exist: " + dir);
    }
    boolean watch = continuous || flag(a.get("continuous"));
    if (watch && !Files.isDirectory(capture)) {
      return Reply.nok("Continuous mode watches a folder: " + capture + " is a file");
    }
    queue.add(
        new PcapQueue.Job(
            capture.toAbsolutePath(),
            dir.toAbsolutePath(),
            watch,
            flag(a.get("delete-when-done"))));
    return Reply.ok("Successfully added file to list");
  }

  private static boolean flag(Object v) {
    return v != null
        && List.of("true", "yes", "1")
            .contains(String.valueOf(v).toLowerCase(java.util.Locale.ROOT));
  }

  private Reply list() {
    Map<String, Object> m = new LinkedHashMap<>();
    List<String> files = queue.waitingFiles();
    m.put("count", files.size());
    m.put("files", files);
    return Reply.ok(m);
  }

  private Reply current() {
    PcapQueue.Job j = queue.current();
    return Reply.ok(j == null ? "None" : j.capture().toString());
  }

  private Reply interrupt() {
    queue.interruptCurrent();
    return Reply.ok("Interrupted");
  }
}
