package org.vigil.output.log;

import net.openhft.posix.internal.PosixAPIHolder;

/**
 * Chronicle's process-wide switches, set before the first Chronicle class loads: its usage
 * analytics (which would phone home) and its start-up banner off, and no {@code msync} of the files
 * whose sync mode Vigil does not choose, each unless the user set it on the command line; its
 * native layer loaded when first called ({@link DeferredPosixApi}).
 */
final class ChronicleSettings {
  private ChronicleSettings() {}

  static void apply() {
    if (System.getProperty("chronicle.analytics.disable") == null) {
      System.setProperty("chronicle.analytics.disable", "true");
    }
    if (System.getProperty("chronicle.announcer.disable") == null) {
      System.setProperty("chronicle.announcer.disable", "true");
    }
    // Chronicle msyncs the mapped files it is not told otherwise for (the queue's table store,
    // metadata.cq4t) with MS_ASYNC when it unmaps them, which Linux does nothing for (the kernel
    // writes dirty pages back by itself; msync(2)) but which loads the native layer at the run's
    // end. The alert log's own files are synced as its sync setting says (AlertLogConfig).
    if (System.getProperty("mappedFile.defaultSyncMode") == null) {
      System.setProperty("mappedFile.defaultSyncMode", "NONE");
    }
    synchronized (ChronicleSettings.class) {
      if (PosixAPIHolder.POSIX_API == null) {
        PosixAPIHolder.POSIX_API = new DeferredPosixApi();
      }
    }
  }
}
