package org.vigil.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.vigil.acquire.CaptureFeed;
import org.vigil.acquire.CaptureReader;
import org.vigil.acquire.afpacket.AfPacketOptions;
import org.vigil.acquire.nfq.NfqOptions;

/**
 * The head of a run's chain: where its frames come from. Capture files are read one after another
 * as their feed hands them out (a list, or a folder watched until the run is stopped), each its own
 * world; a netfilter queue is read until the run is stopped, each packet waiting for its verdict;
 * live interfaces are captured until the run is stopped.
 */
public sealed interface PacketSource
    permits PacketSource.Captures, PacketSource.Queue, PacketSource.Live {
  /** Capture files, read in the order {@code feed} hands them out. */
  record Captures(CaptureFeed feed) implements PacketSource {}

  /**
   * The Linux NFQUEUEs of {@code queues} (one or more, each read by its own thread): an inline run
   * gives each packet its verdict, after {@code warmUp} went through a throwaway chain before the
   * queues are bound; {@code notices} hears of the warm-up.
   */
  record Queue(
      List<NfqOptions> queues, WarmUpSample warmUp, java.util.function.Consumer<String> notices)
      implements PacketSource {
    /** Checks there is at least one queue and no queue twice. */
    public Queue {
      java.util.Objects.requireNonNull(warmUp, "warmUp");
      java.util.Objects.requireNonNull(notices, "notices");
      queues = List.copyOf(queues);
      if (queues.isEmpty()) {
        throw new IllegalArgumentException("no queue");
      }
      if (queues.stream().map(NfqOptions::queue).distinct().count() != queues.size()) {
        throw new IllegalArgumentException(
            "a queue given twice: " + queues.stream().map(NfqOptions::queue).toList());
      }
    }

    /** The NFQUEUEs of {@code queues} with no warm-up. */
    public Queue(List<NfqOptions> queues) {
      this(queues, new WarmUpSample.None(), m -> {});
    }

    /** The one queue of {@code options}. */
    public Queue(NfqOptions options) {
      this(List.of(options));
    }

    /** The first queue's options. */
    public NfqOptions options() {
      return queues.get(0);
    }
  }

  /**
   * Live capture on the AF_PACKET interfaces {@code interfaces} (a run made by {@link
   * EngineAssembly#live()}), after {@code warmUp} went through a throwaway chain; {@code notices}
   * hears of the warm-up and of interfaces going down and up.
   */
  record Live(
      List<AfPacketOptions> interfaces,
      WarmUpSample warmUp,
      java.util.function.Consumer<String> notices)
      implements PacketSource {
    public Live {
      interfaces = List.copyOf(interfaces);
      java.util.Objects.requireNonNull(warmUp, "warmUp");
    }

    /** Live capture on {@code interfaces} with no warm-up. */
    public Live(List<AfPacketOptions> interfaces, java.util.function.Consumer<String> notices) {
      this(interfaces, new WarmUpSample.None(), notices);
    }
  }

  /** The capture file {@code fileOrFolder}, or every capture of a folder in name order. */
  static Captures captures(Path fileOrFolder) throws IOException {
    return new Captures(CaptureFeed.of(CaptureReader.captures(fileOrFolder)));
  }

  /** The capture files {@code files}, in this order. */
  static Captures captures(List<Path> files) {
    return new Captures(CaptureFeed.of(files));
  }

  /** The captures {@code feed} hands out (e.g. a {@link org.vigil.acquire.CaptureFolderWatch}). */
  static Captures captures(CaptureFeed feed) {
    return new Captures(feed);
  }

  /** NFQUEUE {@code options.queue()}. */
  static Queue queue(NfqOptions options) {
    return new Queue(options);
  }

  /** The NFQUEUEs of {@code queues}, one thread each. */
  static Queue queues(List<NfqOptions> queues) {
    return new Queue(queues);
  }

  /**
   * The NFQUEUEs of {@code queues}, one thread each, after {@code warmUp}; {@code notices} hears of
   * the warm-up.
   */
  static Queue queues(
      List<NfqOptions> queues, WarmUpSample warmUp, java.util.function.Consumer<String> notices) {
    return new Queue(queues, warmUp, notices);
  }
}
