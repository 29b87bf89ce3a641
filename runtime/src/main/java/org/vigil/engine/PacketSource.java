package org.vigil.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.vigil.acquire.CaptureReader;
import org.vigil.acquire.nfq.NfqOptions;

/**
 * The head of a run's chain: where its frames come from. Capture files are read in name order, each
 * its own world; a netfilter queue is read until the run is stopped, each packet waiting for its verdict.
 */
public sealed interface PacketSource permits PacketSource.Captures, PacketSource.Queue {
  /** Capture files, read in this order. */
  record Captures(List<Path> files) implements PacketSource {
    public Captures {
      files = List.copyOf(files);
    }
  }

  /** The Linux NFQUEUE of {@code options}: an inline run gives each packet its verdict. */
  record Queue(NfqOptions options) implements PacketSource {}

  /** The capture file {@code fileOrFolder}, or every capture of a folder in name order. */
  static Captures captures(Path fileOrFolder) throws IOException {
    return new Captures(CaptureReader.captures(fileOrFolder));
  }

  /** The capture files {@code files}, in this order. */
  static Captures captures(List<Path> files) {
    return new Captures(files);
  }

  /** NFQUEUE {@code options.queue()}. */
  static Queue queue(NfqOptions options) {
    return new Queue(options);
  }
}
