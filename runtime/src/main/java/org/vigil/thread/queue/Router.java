package org.vigil.thread.queue;

import org.vigil.decode.Packet;
import org.vigil.flow.FlowTable;

/** Chooses which of a stage's threads (queues) gets a packet. */
public sealed interface Router permits Router.FlowHash, Router.IpVersion, Router.RoundRobin, Router.Alerted {
  /** No thread gets the packet (the {@link Alerted} router's answer for a packet without alerts). */
  int NONE = -1;

  /** The index of the thread that gets {@code p}, or {@link #NONE}. */
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

  /**
   * From a worker to the output stage (index 0): a frame of the capture on which {@code thread}
   * raised an alert (or, with {@code all}, every frame of the capture) goes there, to the pcap
   * log; other packets go nowhere ({@link #NONE}). Tunnel inner, defragmented and stream pseudo
   * packets are not frames of the capture and never go.
   */
  record Alerted(org.vigil.thread.module.ThreadContext thread, boolean all) implements Router {
    @Override
    public int route(Packet p) {
      return (all || thread.alerted()) && p.hasPcapCnt() && !p.isPseudo() && p.captureName() != null ? 0 : NONE;
    }
  }
}
