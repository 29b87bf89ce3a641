package org.vigil.acquire;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.vigil.decode.PathStats;

/**
 * Opens capture files (pcap or pcapng, told apart by their magic) and lists the captures of a
 * folder.
 */
public final class CaptureReader {
  private CaptureReader() {}

  /**
   * Opens one capture file (read through a window, see {@link CaptureFile}). Problems met later
   * while reading (truncation, bad blocks) go to stats with their byte offset; a file that is not a
   * capture at all throws {@link CaptureFormatException}.
   */
  public static CaptureSource open(Path file, PathStats stats) throws IOException {
    CaptureFile in = new CaptureFile(file);
    try {
      if (in.size() < 4)
        throw new CaptureFormatException(
            file + ": offset 0: too short for a capture file (" + in.size() + " bytes)");
      int magic = in.u32be(0);
      int swapped = Integer.reverseBytes(magic);
      if (magic == PcapngSource.SHB) return new PcapngSource(in, file, stats);
      for (int m : new int[] {PcapSource.MAGIC_US, PcapSource.MAGIC_NS, PcapSource.MAGIC_KUZ}) {
        if (magic == m || swapped == m) return new PcapSource(in, file, stats);
      }
      throw new CaptureFormatException(
          file
              + ": offset 0: not a pcap or pcapng file (magic 0x"
              + Integer.toHexString(magic)
              + ")");
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /**
   * The captures named by the -r argument: the file itself, or every regular, non-hidden file of
   * the folder (not its subfolders) in name order, each to be read as its own capture.
   */
  public static List<Path> captures(Path fileOrDir) throws IOException {
    return list(fileOrDir, false).files();
  }

  /**
   * The captures of {@code fileOrDir}: the file itself, or the regular, non-hidden files of the
   * folder, with {@code recursive} those of its non-hidden subfolders too (symbolic links to
   * folders are not followed), in the name order of their paths relative to the folder, so
   * "a/x.pcap" comes before "b.pcap". The listing counts the subfolders it passed over: every one
   * without {@code recursive}, the linked ones with it.
   */
  public static CaptureListing list(Path fileOrDir, boolean recursive) throws IOException {
    if (!Files.isDirectory(fileOrDir)) {
      if (!Files.isReadable(fileOrDir))
        throw new IOException(fileOrDir + ": no such readable file");
      return new CaptureListing(List.of(fileOrDir), 0);
    }
    List<Path> out = new ArrayList<>();
    int[] skipped = new int[1];
    walk(fileOrDir, recursive, out, skipped);
    // each file's key made once, not once per comparison
    String[] keys = new String[out.size()];
    Integer[] order = new Integer[out.size()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = relativeName(fileOrDir, out.get(i));
      order[i] = i;
    }
    java.util.Arrays.sort(order, Comparator.comparing(i -> keys[i]));
    List<Path> sorted = new ArrayList<>(keys.length);
    for (Integer i : order) {
      sorted.add(out.get(i));
    }
    return new CaptureListing(sorted, skipped[0]);
  }

  private static void walk(Path dir, boolean recursive, List<Path> out, int[] skipped)
      throws IOException {
    List<Path> entries;
    try (Stream<Path> s = Files.list(dir)) {
      entries = s.filter(f -> !f.getFileName().toString().startsWith(".")).toList();
    }
    for (Path f : entries) {
      if (Files.isDirectory(f)) {
        if (recursive && !Files.isSymbolicLink(f)) walk(f, true, out, skipped);
        else skipped[0]++;
      } else if (Files.isRegularFile(f)) {
        out.add(f);
      }
    }
  }

  /**
   * {@code file}'s path below {@code folder} with '/' between names, the key of the listing order.
   */
  static String relativeName(Path folder, Path file) {
    StringBuilder b = new StringBuilder();
    for (Path part : folder.relativize(file)) {
      if (!b.isEmpty()) b.append('/');
      b.append(part);
    }
    return b.toString();
  }
}
