package org.vigil.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Which worker of a {@code workers} run over capture files owns each bucket of flow hashes: the
 * first worker to meet a packet of an unclaimed bucket claims it, and the bucket keeps that owner
 * for the whole run, so every packet of a flow (both directions, ICMP errors with the flow they
 * report on, packets without a flow all in the bucket of hash 0) is run by exactly one worker.
 *
 * <p>Every worker reads every capture, so the worker that meets a new bucket first is the one ahead
 * in the capture, the one with spare capacity: new flows go to the less loaded worker instead of
 * where a static hash puts them (how far one worker can run ahead is bounded by {@link
 * ShardWorker#MAX_AHEAD}). A bucket is a byte ({@link #BUCKETS} of them, 1 MiB per run): the
 * owner's index plus one, 0 while unclaimed; read with acquire semantics, claimed with a
 * compare-and-set.
 *
 * <p>Buckets are never released: the run's later captures salt the hash differently, so their flows
 * mostly meet fresh buckets, and a bucket claimed in an earlier capture still has one owner. Once
 * most buckets are claimed (a flood of more than about a million distinct flow hashes, or a long
 * list of captures) new flows land in claimed buckets, and the split degrades to a static one: each
 * bucket stays with the worker that claimed it.
 */
public final class FlowClaims {
  /** Buckets per run: the low 20 bits of the salted flow hash pick one. */
  static final int BUCKETS = 1 << 20;

  /** The most workers a byte per bucket names (more workers route by the static flow hash). */
  static final int MAX_WORKERS = 255;

  private static final VarHandle OWNER = MethodHandles.arrayElementVarHandle(byte[].class);

  private final byte[] owners = new byte[BUCKETS];

  /** A table with every bucket unclaimed. */
  public FlowClaims() {}

  /**
   * The claims for a run of {@code layout}, or null when its workers route by the static flow hash:
   * one worker, more than {@link #MAX_WORKERS}, or a router other than the flow hash.
   */
  static FlowClaims forLayout(ThreadLayout layout) {
    int n = layout.workers().size();
    return n >= 2 && n <= MAX_WORKERS && layout.router() == ThreadLayout.RouterKind.FLOW_HASH
        ? new FlowClaims()
        : null;
  }

  /** The owner of the bucket of the salted flow hash {@code hash}, or -1 while unclaimed. */
  public int owner(int hash) {
    return ((byte) OWNER.getAcquire(owners, hash & (BUCKETS - 1)) & 0xff) - 1;
  }

  /**
   * Claims the bucket of {@code hash} for {@code worker} and returns its owner: {@code worker}, or
   * the worker that claimed it first.
   */
  public int claim(int hash, int worker) {
    byte seen =
        (byte)
            OWNER.compareAndExchange(owners, hash & (BUCKETS - 1), (byte) 0, (byte) (worker + 1));
    return seen == 0 ? worker : (seen & 0xff) - 1;
  }
}
