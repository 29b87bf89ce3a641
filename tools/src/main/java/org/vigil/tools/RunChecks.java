package org.vigil.tools;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.vigil.decode.PathStats;

/**
 * Checks of {@code vigil run}'s arguments and outcome whose failure is exit code 2 with the reason:
 * the log folder, {@code --trust}, and a run none of whose captures could be read.
 */
final class RunChecks {
  private RunChecks() {}

  /** What is wrong with the arguments before anything is loaded, or null when nothing is. */
  static String arguments(Path logDir, Path trust, Path ruleset) {
    if (trust != null && ruleset == null) {
      return "--trust checks a compiled ruleset: give it with --ruleset <x.vrs> (rules read with -S are not signed)";
    }
    return logDir(logDir);
  }

  /**
   * Why {@code dir} cannot be the run's output folder (created when missing), or null when it can.
   */
  static String logDir(Path dir) {
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      return "-l " + dir + ": not a folder (a file of that name exists)";
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      return "-l " + dir + ": cannot create the folder: " + reason(e);
    }
    try {
      Path probe = Files.createTempFile(dir, ".vigil-write-check", ".tmp");
      Files.delete(probe);
    } catch (IOException e) {
      return "-l " + dir + ": cannot write into the folder: " + reason(e);
    }
    return null;
  }

  /**
   * Why the run read nothing: every capture it was given was unreadable; null when at least one was
   * read.
   */
  static String input(PathStats stats) {
    if (stats.captures > 0 && stats.capturesUnreadable == stats.captures) {
      return stats.captures == 1
          ? "the capture could not be read (not a pcap or pcapng file)"
          : "none of the " + stats.captures + " captures could be read (not pcap or pcapng files)";
    }
    return null;
  }

  /** An exception in user words, never "null" (shared by the commands' error messages). */
  static String reason(Throwable e) {
    return switch (e) {
      case AccessDeniedException a -> "permission denied (" + a.getFile() + ")";
      case FileAlreadyExistsException f -> "a file is in the way (" + f.getFile() + ")";
      case java.nio.file.NoSuchFileException f -> "no such file or folder (" + f.getFile() + ")";
      case FileSystemException f when f.getReason() != null ->
          f.getReason() + " (" + f.getFile() + ")";
      default -> e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    };
  }
}
