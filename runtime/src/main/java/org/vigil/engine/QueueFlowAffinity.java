package org.vigil.engine;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.vigil.decode.IpAddresses;
import org.vigil.flow.Flow;

/**
 * Checks, across the queues of one inline run, that netfilter keeps each flow on one queue, which
 * the run's lock-free per-queue flow tables rely on. Each queue's chain reports the flows its table
 * starts and ends; a flow (either direction, same 5-tuple) that a second queue starts while the
 * first still holds it is a split flow: counted ({@code ips.split_flows}) and warned about once,
 * since each of the two queues then inspects one direction of it only. That happens with {@code
 * --queue-cpu-fanout} (the queue follows the CPU, not the flow) or with rules sending each
 * direction to a queue of its own; {@code --queue-balance} never splits a flow. Costs one map
 * update per flow start and end, nothing per packet.
 */
final class QueueFlowAffinity {
  private static final System.Logger LOG = System.getLogger(QueueFlowAffinity.class.getName());

  /** A flow's 5-tuple with its two endpoints in a fixed order (so both directions are equal). */
  private record Key(
      int version, int proto, long aHi, long aLo, int aPort, long bHi, long bLo, int bPort) {}

  private final ConcurrentHashMap<Key, Integer> owners = new ConcurrentHashMap<>();
  private final LongAdder split = new LongAdder();
  private final AtomicBoolean warned = new AtomicBoolean();

  /** Queue {@code queue}'s flow table started {@code f}. */
  void started(Flow f, int queue) {
    Integer owner = owners.putIfAbsent(key(f), queue);
    if (owner != null && owner != queue) {
      split.increment();
      if (warned.compareAndSet(false, true)) {
        LOG.log(
            System.Logger.Level.WARNING,
            "NFQUEUE "
                + owner
                + " and "
                + queue
                + " both see the flow "
                + endpoint(f, true)
                + " <-> "
                + endpoint(f, false)
                + ": the two directions of flows reach different queues (iptables "
                + "--queue-cpu-fanout, or a rule per direction), so each queue inspects one "
                + "direction only; spread flows with --queue-balance A:B, which keeps a flow on "
                + "one queue (ips.split_flows counts them)");
      }
    }
  }

  /** Queue {@code queue}'s flow table ended {@code f}. */
  void ended(Flow f, int queue) {
    owners.remove(key(f), queue);
  }

  /** Flows a second queue started while another held them. */
  long splitFlows() {
    return split.sum();
  }

  private static Key key(Flow f) {
    boolean clientFirst =
        Long.compareUnsigned(f.clientHi(), f.serverHi()) < 0
            || (f.clientHi() == f.serverHi()
                && (Long.compareUnsigned(f.clientLo(), f.serverLo()) < 0
                    || (f.clientLo() == f.serverLo() && f.clientPort() <= f.serverPort())));
    return clientFirst
        ? new Key(
            f.ipVersion(),
            f.proto(),
            f.clientHi(),
            f.clientLo(),
            f.clientPort(),
            f.serverHi(),
            f.serverLo(),
            f.serverPort())
        : new Key(
            f.ipVersion(),
            f.proto(),
            f.serverHi(),
            f.serverLo(),
            f.serverPort(),
            f.clientHi(),
            f.clientLo(),
            f.clientPort());
  }

  private static String endpoint(Flow f, boolean client) {
    return client
        ? IpAddresses.format(f.ipVersion(), f.clientHi(), f.clientLo()) + ":" + f.clientPort()
        : IpAddresses.format(f.ipVersion(), f.serverHi(), f.serverLo()) + ":" + f.serverPort();
  }
}
