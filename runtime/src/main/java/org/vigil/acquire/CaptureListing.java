package org.vigil.acquire;

import java.nio.file.Path;
import java.util.List;

/**
 * The captures of a -r argument in reading order, and the subfolders passed over (a run without
 * recursion).
 */
public record CaptureListing(List<Path> files, int skippedFolders) {
  public CaptureListing {
    files = List.copyOf(files);
  }
}
