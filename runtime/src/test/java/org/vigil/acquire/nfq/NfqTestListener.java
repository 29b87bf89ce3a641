package org.vigil.acquire.nfq;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.vigil.decode.DecodeConfig;
import org.vigil.decode.Decoder;
import org.vigil.decode.LinkTypes;
import org.vigil.decode.Packet;
import org.vigil.decode.PathStats;
import org.vigil.flow.FlowConfig;
import org.vigil.flow.FlowTable;
import org.vigil.verdict.InlineEnforcer;
import org.vigil.verdict.RawSocketInjector;
import org.vigil.verdict.RejectTarget;
import org.vigil.verdict.Verdict;

/**
 * The Vigil side of the NFQUEUE tests, run as a child JVM inside the router namespace: binds a
 * queue and gives verdicts with a test-side predicate (payload contains a pattern) standing in for
 * compiled rules; for drop, dropflow and reject it decodes the packet, tracks its flow and carries
 * the verdict out with the engine's {@link InlineEnforcer}, as an inline run does. Prints READY
 * once bound, runs until its stdin closes (or it is killed; a line RESET on stdin restarts the
 * packet timing, for a measurement after warm-up), then prints its stats as {@code STATS <record>}
 * and {@code PACKETS n SECONDS s RATE r} like the C reference listener.
 *
 * <p>Usage: {@code NfqTestListener <queue> <accept|drop|dropflow|reject|throw|slow|repeat> [pattern
 * [failopen] [maxlen=N] [rxbatch=N] [rcvbuf=N]]}; {@code slow} accepts everything after 20 ms per
 * packet, {@code repeat} gives every packet back to netfilter with mark bit 0x1 set, {@code
 * failopen} sets NFQA_CFG_F_FAIL_OPEN.
 */
public final class NfqTestListener {

  private NfqTestListener() {}

  public static void main(String[] args) throws Exception {
    int queue = Integer.parseInt(args[0]);
    String mode = args[1];
    byte[] pattern = (args.length > 2 ? args[2] : "\u0000").getBytes(StandardCharsets.ISO_8859_1);
    Verdict onMatch =
        switch (mode) {
          case "accept", "throw", "slow", "repeat" -> Verdict.ACCEPT;
          case "drop" -> Verdict.DROP;
          case "dropflow" -> Verdict.DROP_FLOW;
          case "reject" -> Verdict.reject(RejectTarget.BOTH);
          default -> throw new IllegalArgumentException("unknown mode " + mode);
        };
    boolean alwaysThrow = mode.equals("throw");
    boolean slow = mode.equals("slow");
    boolean repeat = mode.equals("repeat");
    boolean enforce = onMatch != Verdict.ACCEPT;
    PathStats pathStats = new PathStats();
    Decoder decoder = new Decoder(DecodeConfig.defaults(), pathStats);
    FlowTable flows = new FlowTable(FlowConfig.defaults(), pathStats.flows, (f, r) -> {});
    RawSocketInjector injector = new RawSocketInjector();
    InlineEnforcer enforcer =
        new InlineEnforcer(injector, msg -> System.err.println("reject failed: " + msg));
    Packet frame = new Packet(65536 + 1024);
    long[] rejected = {0};
    NfqOptions options = NfqOptions.defaults(queue);
    for (int i = 3; i < args.length; i++) {
      if (args[i].equals("failopen")) options = options.withFailOpen(true);
      else if (args[i].startsWith("maxlen="))
        options = options.withMaxQueueLength(Integer.parseInt(args[i].substring(7)));
      else if (args[i].startsWith("rxbatch="))
        options = options.withReceiveBatch(Integer.parseInt(args[i].substring(8)));
      else if (args[i].startsWith("rcvbuf="))
        options = options.withReceiveBuffer(Integer.parseInt(args[i].substring(7)));
      else throw new IllegalArgumentException("unknown option " + args[i]);
    }
    NfqOptions opened = options;
    long[] timing = new long[5]; // count, first, last, allocated at reset, reset seen
    java.util.concurrent.atomic.AtomicBoolean reset =
        new java.util.concurrent.atomic.AtomicBoolean();
    NfqSource source;
    try {
      source = NfqSource.open(opened);
    } catch (NfqException e) {
      System.out.println("ERROR " + e.getMessage());
      System.exit(1);
      return;
    }
    Thread loop =
        Thread.ofPlatform()
            .name("nfq-" + queue)
            .start(
                () ->
                    source.run(
                        p -> {
                          long now = System.nanoTime();
                          if (reset.get() && reset.compareAndSet(true, false)) {
                            timing[0] = 0;
                            timing[3] =
                                ((com.sun.management.ThreadMXBean)
                                        java.lang.management.ManagementFactory.getThreadMXBean())
                                    .getCurrentThreadAllocatedBytes();
                            timing[4] = 1;
                          }
                          if (timing[0]++ == 0) timing[1] = now;
                          timing[2] = now;
                          if (alwaysThrow) throw new IllegalStateException("test handler failure");
                          if (slow) Thread.sleep(20);
                          if (repeat) return new NfqVerdict.Repeat(p.mark() | 1);
                          if (!enforce) return NfqVerdict.ACCEPT;
                          frame.reset();
                          byte[] data = frame.ensureCapacity(p.payloadLength());
                          p.buffer().get(p.payloadOffset(), data, 0, p.payloadLength());
                          frame.setFrame(
                              p.payloadLength(),
                              p.payloadLength(),
                              System.nanoTime(),
                              LinkTypes.RAW,
                              0,
                              null);
                          decoder.decode(frame);
                          if (!frame.isFragment()) flows.handle(frame);
                          if (enforcer.inDroppedFlow(frame.flow())) return NfqVerdict.DROP;
                          Verdict v = contains(p, pattern) ? onMatch : Verdict.ACCEPT;
                          if (v instanceof Verdict.Reject) rejected[0]++;
                          return switch (enforcer.apply(v, frame, frame.flow())) {
                            case Verdict.Accept a -> NfqVerdict.ACCEPT;
                            case Verdict.Repeat r -> new NfqVerdict.Repeat(r.mark());
                            case Verdict.Drop d -> NfqVerdict.DROP;
                            case Verdict.Reject r -> NfqVerdict.DROP;
                          };
                        }));
    System.out.println("READY");
    System.out.flush();
    try {
      var in =
          new java.io.BufferedReader(
              new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8));
      String line;
      while ((line = in.readLine()) != null) {
        if (line.equals("RESET")) reset.set(true);
      }
    } catch (IOException e) {
      // parent gone
    }
    var threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long allocated = threads.getThreadAllocatedBytes(loop.threadId());
    source.stop();
    loop.join(2000);
    NfqStats stats = source.stats();
    source.close();
    double secs = (timing[2] - timing[1]) / 1e9;
    injector.close();
    System.out.println("STATS " + stats + " " + enforcer.stats() + " rejected=" + rejected[0]);
    if (timing[4] == 1) {
      System.out.printf(
          "ALLOC %d bytes by the verdict thread over the last %d packets%n",
          allocated - timing[3], timing[0]);
    }
    System.out.printf(
        "PACKETS %d SECONDS %.6f RATE %.0f%n",
        timing[0], secs, secs > 0 ? (timing[0] - 1) / secs : 0.0);
    System.out.flush();
  }

  private static boolean contains(NfqPacket p, byte[] pattern) {
    var b = p.buffer();
    int off = p.payloadOffset();
    int last = p.payloadLength() - pattern.length;
    outer:
    for (int i = 0; i <= last; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (b.get(off + i + j) != pattern[j]) continue outer;
      }
      return true;
    }
    return false;
  }
}
