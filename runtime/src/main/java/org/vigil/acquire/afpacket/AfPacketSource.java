package org.vigil.acquire.afpacket;

import static org.vigil.acquire.afpacket.LinuxNative.*;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.vigil.acquire.bpf.BpfProgram;
import org.vigil.decode.LinkTypes;
import org.vigil.decode.Packet;
import org.vigil.decode.PacketConsumer;

/**
 * The receive loop of one capture thread: one ring per interface (member {@code member} of each
 * interface's fanout group when several threads share it), walked block by block; {@code poll} only
 * when no block is ready. An interface that goes down is waited for (the kernel sets ENETDOWN on
 * the socket and resumes it when the interface is up again; a re-created interface gets a new
 * socket), with a notice each way.
 */
public final class AfPacketSource implements AutoCloseable {
  /** How long a poll waits before the idle callback runs (flow timeouts, periodic stats). */
  static final int POLL_MILLIS = 100;

  private final List<AfPacketOptions> options;
  private final boolean fanout;
  private final PacketRing[] rings;
  private final BlockWalker[] walkers;
  private final RingStats[] stats;
  private final boolean[] down;
  private final Consumer<String> notices;
  private final Arena arena = Arena.ofShared();
  private final MemorySegment pollfds;
  private volatile boolean stopped;

  private AfPacketSource(
      List<AfPacketOptions> options, int member, boolean fanout, Consumer<String> notices) {
    this.options = options;
    this.fanout = fanout;
    this.notices = notices;
    int n = options.size();
    rings = new PacketRing[n];
    walkers = new BlockWalker[n];
    stats = new RingStats[n];
    down = new boolean[n];
    pollfds = arena.allocate(8L * n, 4);
    for (int i = 0; i < n; i++) {
      String iface = options.get(i).iface();
      long before = options.subList(0, i).stream().filter(o -> o.iface().equals(iface)).count();
      // a second socket on one interface (another fanout group) is told apart by its place
      stats[i] = new RingStats(iface + "#" + member + (before == 0 ? "" : "." + before));
    }
  }

  /**
   * Opens member {@code member} of {@code members} sockets on each interface of {@code options}
   * (its {@code bpf-filter} compiled and attached; a fanout group when {@code members > 1}); {@code
   * notices} hears of interfaces going down and up.
   *
   * @throws AfPacketException when a socket cannot be set up
   * @throws IllegalArgumentException when a filter does not compile
   */
  public static AfPacketSource open(
      List<AfPacketOptions> options, int member, int members, Consumer<String> notices) {
    return open(options, member, members > 1, notices);
  }

  /**
   * Opens socket {@code member} on each interface of {@code options}, each joining its interface's
   * fanout group ({@code cluster-id}, {@code cluster-type}) when {@code fanout}.
   *
   * @throws AfPacketException when a socket cannot be set up
   * @throws IllegalArgumentException when a filter does not compile
   */
  public static AfPacketSource open(
      List<AfPacketOptions> options, int member, boolean fanout, Consumer<String> notices) {
    AfPacketSource s = new AfPacketSource(List.copyOf(options), member, fanout, notices);
    try {
      for (int i = 0; i < options.size(); i++) {
        s.openRing(i);
      }
    } catch (RuntimeException e) {
      s.close();
      throw e;
    }
    return s;
  }

  private void openRing(int i) {
    AfPacketOptions o = options.get(i);
    PacketRing r;
    if (o.bpfFilter() != null && !o.bpfFilter().isBlank()) {
      try (BpfProgram bpf = BpfProgram.compile(o.bpfFilter(), LinkTypes.ETHERNET, 262144)) {
        r = PacketRing.open(o, bpf.instructions(), bpf.length());
      }
    } else {
      r = PacketRing.open(o, null, 0);
    }
    try {
      if (fanout) {
        Fanout.join(r, o);
      }
    } catch (RuntimeException e) {
      r.close();
      throw e;
    }
    rings[i] = r;
    walkers[i] = new BlockWalker(r);
    pollfds.set(ValueLayout.JAVA_INT, 8L * i, r.fd());
  }

  /**
   * Gives every captured frame to {@code consumer} through {@code p} until {@link #stop()}; {@code
   * idle} gets the wall clock in nanoseconds whenever a poll waited without a frame, and about once
   * a second while frames arrive.
   */
  public void run(Packet p, PacketConsumer consumer, LongConsumer idle) {
    long lastStats = System.nanoTime();
    while (!stopped) {
      boolean any = false;
      for (int i = 0; i < rings.length; i++) {
        // a bounded share per ring, so one busy interface does not starve the others
        for (int b = 0; b < 16 && walkers[i].walk(p, consumer) >= 0; b++) {
          any = true;
          if (down[i]) {
            down[i] = false;
            notices.accept("interface " + rings[i].iface() + " is up again; capturing");
          }
        }
      }
      long now = System.nanoTime();
      if (!any) {
        waitForFrames();
        idle.accept(System.currentTimeMillis() * 1_000_000L);
      }
      if (now - lastStats >= 1_000_000_000L) {
        lastStats = now;
        updateStats();
        if (any) {
          idle.accept(System.currentTimeMillis() * 1_000_000L);
        }
      }
    }
    updateStats();
  }

  private void waitForFrames() {
    int n = rings.length;
    for (int i = 0; i < n; i++) {
      pollfds.set(ValueLayout.JAVA_SHORT, 8L * i + 4, (short) (POLLIN | POLLERR));
      pollfds.set(ValueLayout.JAVA_SHORT, 8L * i + 6, (short) 0);
    }
    int rc = poll(pollfds, n, POLL_MILLIS);
    if (rc < 0) {
      int e = errno();
      if (e != EINTR) {
        throw new AfPacketException("poll on the capture sockets failed: " + describe(e));
      }
      return;
    }
    for (int i = 0; i < n; i++) {
      short revents = pollfds.get(ValueLayout.JAVA_SHORT, 8L * i + 6);
      if ((revents & POLLERR) != 0) {
        socketError(i);
      } else if (down[i] && ifNameToIndex(rings[i].iface()) != rings[i].ifindex()) {
        reopen(i);
      }
    }
  }

  private void socketError(int i) {
    int err = rings[i].pendingError();
    if (err == ENETDOWN || err == ENODEV || err == ENXIO) {
      if (!down[i]) {
        down[i] = true;
        notices.accept(
            "interface "
                + rings[i].iface()
                + " is down ("
                + describe(err)
                + "); waiting for it to come back");
      }
    } else if (err != 0) {
      throw new AfPacketException(
          "interface " + rings[i].iface() + ": capture socket failed: " + describe(err));
    }
  }

  /** The interface was removed (and perhaps made again): a new socket once it exists. */
  private void reopen(int i) {
    if (ifNameToIndex(rings[i].iface()) == 0) {
      return;
    }
    stats[i].update(rings[i]);
    rings[i].close();
    openRing(i);
    notices.accept("interface " + rings[i].iface() + " exists again; capturing on a new socket");
    down[i] = false;
  }

  private void updateStats() {
    for (int i = 0; i < rings.length; i++) {
      stats[i].update(rings[i]);
    }
  }

  /** Ends {@link #run} within one poll interval (any thread). */
  public void stop() {
    stopped = true;
  }

  /** The kernel's counters of each socket. */
  public List<RingStats> stats() {
    return List.of(stats);
  }

  @Override
  public void close() {
    List<RuntimeException> failures = new ArrayList<>();
    for (PacketRing r : rings) {
      if (r != null) {
        try {
          r.close();
        } catch (RuntimeException e) {
          failures.add(e);
        }
      }
    }
    arena.close();
    if (!failures.isEmpty()) {
      throw failures.get(0);
    }
  }
}
