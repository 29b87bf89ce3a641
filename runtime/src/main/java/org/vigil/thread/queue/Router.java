package org.vigil.thread.queue;

import org.vigil.decode.Packet;

/** Chooses which of a stage's threads (queues) gets a packet. */
public sealed interface Router
    permits Router.FlowHash, Router.IpVersion, Router.RoundRobin, Router.Alerted {
  /**
   * No thread gets the packet (the {@link Alerted} router's answer for a packet without alerts).
   */
  int NONE = -1;

  /** The index of the thread that gets {@code p}, or {@link #NONE}. */
  int route(Packet p);

  /**
   * A new capture starts; its flows end with it. Routers that hash flows mix the capture's number
   * into the hash, so a flow that recurs in several captures (a capture set read twice, the same
   * session recorded again) does not always load the same thread.
   */
  default void capture(int index) {}

  /**
   * By the symmetric flow hash: every packet of a flow, both directions, reaches one thread (the
   * default).
   */
  final class FlowHash implements Router {
    private final int threads;
    private int salt;

    /** Flow hash over {@code threads} threads. */
    public FlowHash(int threads) {
      this.threads = threads;
    }

    @Override
    public int route(Packet p) {
      return index(p, threads, salt);
    }

    /**
     * The flow hash of {@code p} salted with the current capture's number: what {@link #route}
     * divides among the threads.
     */
    public int hash(Packet p) {
      return salted(p, salt);
    }

    @Override
    public void capture(int index) {
      salt = saltOf(index);
    }

    /**
     * As {@link #hash} for an ICMP error by its own addresses (the ICMP flow it joins when the flow
     * it reports on does not exist).
     */
    public int outerHash(Packet p) {
      return mixed(org.vigil.flow.FlowHash.outerFlowHash(p) ^ salt, salt);
    }

    /** As {@link #route} for an ICMP error by its own addresses. */
    public int routeOuter(Packet p) {
      return (outerHash(p) & 0x7fffffff) % threads;
    }

    private static int mixed(int h, int salt) {
      if (salt != 0) {
        h = (h ^ (h >>> 16)) * 0x85EBCA6B;
        h ^= h >>> 13;
      }
      return h;
    }

    static int saltOf(int capture) {
      return capture == 0 ? 0 : capture * 0x9E3779B9;
    }

    static int index(Packet p, int n, int salt) {
      return (salted(p, salt) & 0x7fffffff) % n;
    }

    private static int salted(Packet p, int salt) {
      int h = org.vigil.flow.FlowHash.flowHash(p) ^ salt;
      if (salt != 0) {
        h = (h ^ (h >>> 16)) * 0x85EBCA6B;
        h ^= h >>> 13;
      }
      return h;
    }
  }

  /**
   * IPv4 (and non-IP) packets to the threads in {@code v4}, IPv6 to those in {@code v6}, by flow
   * hash within each group, so flows stay pinned.
   */
  final class IpVersion implements Router {
    private final int[] v4;
    private final int[] v6;
    private int salt;

    /** IPv4 to the threads {@code v4}, IPv6 to the threads {@code v6}. */
    public IpVersion(int[] v4, int[] v6) {
      this.v4 = v4.clone();
      this.v6 = v6.clone();
    }

    @Override
    public int route(Packet p) {
      int[] g = p.ipVersion() == 6 ? v6 : v4;
      return g.length == 1 ? g[0] : g[FlowHash.index(p, g.length, salt)];
    }

    @Override
    public void capture(int index) {
      salt = FlowHash.saltOf(index);
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
   * raised an alert (or, with {@code all}, every frame of the capture) goes there, to the pcap log;
   * other packets go nowhere ({@link #NONE}). Tunnel inner, defragmented and stream pseudo packets
   * are not frames of the capture and never go.
   */
  record Alerted(org.vigil.thread.module.ThreadContext thread, boolean all) implements Router {
    @Override
    public int route(Packet p) {
      return (all || thread.alerted()) && p.hasPcapCnt() && !p.isPseudo() && p.captureName() != null
          ? 0
          : NONE;
    }
  }
}
