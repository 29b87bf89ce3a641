package org.vigil.tools;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.vigil.acquire.CaptureFeed;
import org.vigil.acquire.CaptureFolderWatch;
import org.vigil.acquire.CaptureList;
import org.vigil.acquire.CaptureListing;
import org.vigil.acquire.CaptureReader;
import org.vigil.config.ConfigException;
import org.vigil.config.VigilConfig;

/** The captures of {@code vigil run -r}: a listing of a file or folder, or a watched folder. */
final class CaptureFeeds {
  private CaptureFeeds() {}

  /**
   * The captures of -r {@code capture}: a fixed listing, or with --pcap-file-continuous a watched
   * folder; the command line's switches or the pcap-file keys of the configuration turn recursion,
   * watching and deleting on.
   */
  static CaptureFeed feed(
      Path capture,
      boolean pcapRecursive,
      boolean pcapContinuous,
      boolean pcapDelete,
      VigilConfig cfg,
      PrintWriter err)
      throws IOException {
    boolean recursive = pcapRecursive || cfg.getBoolean("pcap-file.recursive", false);
    boolean continuous = pcapContinuous || cfg.getBoolean("pcap-file.continuous", false);
    boolean delete = pcapDelete || cfg.getBoolean("pcap-file.delete-when-done", false);
    if (continuous) {
      if (!Files.isDirectory(capture)) {
        throw new IllegalArgumentException(
            "--pcap-file-continuous watches a folder: " + capture + " is a file");
      }
      return new CaptureFolderWatch(
          capture,
          recursive,
          delete,
          seconds(cfg, "pcap-file.delay", 30),
          Math.max(1, seconds(cfg, "pcap-file.poll-interval", 5)));
    }
    CaptureListing listing = CaptureReader.list(capture, recursive);
    skipped(err, capture, listing.skippedFolders(), recursive);
    return new CaptureList(listing, delete);
  }

  /** The line on stderr that says how many subfolders of -r {@code capture} were not read. */
  static void skipped(PrintWriter err, Path capture, long folders, boolean recursive) {
    if (folders > 0) {
      err.println(
          "vigil run: -r "
              + capture
              + ": "
              + folders
              + (folders == 1 ? " subfolder" : " subfolders")
              + " skipped"
              + (recursive
                  ? " (symbolic links to folders are not followed)"
                  : " (--pcap-file-recursive reads them)"));
      err.flush();
    }
  }

  /** A duration in seconds (decimals allowed) at {@code key}, in milliseconds. */
  private static long seconds(VigilConfig cfg, String key, double def) {
    String v = cfg.getString(key, null);
    double s;
    try {
      s = v == null ? def : Double.parseDouble(v.strip());
    } catch (NumberFormatException e) {
      throw new ConfigException(key + ": expected seconds, found '" + v + "'");
    }
    if (s < 0 || Double.isNaN(s)) {
      throw new ConfigException(key + ": expected seconds >= 0, found '" + v + "'");
    }
    return Math.round(s * 1000);
  }
}
