package org.vigil.thread.queue;

import org.vigil.decode.Packet;
import org.vigil.flow.FlowTable;

/** Chooses which of a stage's threads (queues) gets a packet. */
public sealed interface Router permits Router.FlowHash, Router.IpVersion, Router.RoundRobin {
  /** The index of the thread that gets {@code p}. */
  int route(Packet p);

  /** By the symmetric flow hash: every packet of a flow, both directions, reaches one thread (the default). */
  record FlowHash(int threads) implements Router {
    @Override
    public int route(Packet p) {
      return index(p, threads);
    }

    static int index(Packet p, int n) {
      return (FlowTable.flowHash(p) & 0x7fffffff) % n;
    }
  }

  /**
   * IPv4 (and non-IP) packets to the threads in {@code v4}, IPv6 to those in {@code v6}, by flow
   * hash within each group, so flows stay pinned.
   */
  record IpVersion(int[] v4, int[] v6) implements Router {
    @Override
    public int route(Packet p) {
      int[] g = p.ipVersion() == 6 ? v6 : v4;
      return g.length == 1 ? g[0] : g[FlowHash.index(p, g.length)];
    }
  }

  /** Each packet to the next thread in turn: for stateless stages only (it splits flows). */
  final class RoundRobin implements Router {
    private final int threads;
    private int next;

    /** Round robin over {@code threads} threads. */
    public RoundRobin(int threads) {
      this.threads = threads;
    }

    @Override
    public int route(Packet p) {
      int i = next;
      next = i + 1 == threads ? 0 : i + 1;
      return i;
    }
  }
}
