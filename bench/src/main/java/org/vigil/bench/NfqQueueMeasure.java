package org.vigil.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.vigil.acquire.nfq.NfqException;
import org.vigil.acquire.nfq.NfqOptions;
import org.vigil.acquire.nfq.NfqSource;
import org.vigil.acquire.nfq.NfqVerdict;

/**
 * Verdict-rate measurement of Vigil's NFQUEUE source, one queue per thread as {@code vigil run -q
 * A:B} binds them (not a JMH benchmark; run by {@code bench/nfq/queue-rate.sh} next to the C
 * listener {@code bench/nfq/nfq_accept_all.c}): each queue's {@link NfqSource} accepts every packet
 * after copying its bytes out of the receive buffer, as the inline run does before decoding. Prints
 * READY once every queue is bound; a line RESET on stdin restarts the timing (after a warm-up
 * flood); on SIGTERM it prints {@code QUEUE q PACKETS n SECONDS first-to-last RATE r} per queue.
 * Usage: {@code java -cp benchmarks.jar org.vigil.bench.NfqQueueMeasure <first> [last] [rxbatch=N]
 * [vbatch=N]}.
 */
public final class NfqQueueMeasure {
  private NfqQueueMeasure() {}

  /** One queue's loop and its timing. */
  private static final class Queue {
    final NfqSource source;
    final AtomicBoolean reset = new AtomicBoolean();
    final byte[] frame = new byte[65536];
    long packets;
    long first;
    long last;
    Thread thread;

    Queue(NfqOptions options) {
      this.source = NfqSource.open(options);
    }

    NfqVerdict verdict(org.vigil.acquire.nfq.NfqPacket p) {
      long now = System.nanoTime();
      if (reset.get() && reset.compareAndSet(true, false)) {
        packets = 0;
      }
      if (packets++ == 0) {
        first = now;
      }
      last = now;
      p.buffer().get(p.payloadOffset(), frame, 0, p.payloadLength());
      return NfqVerdict.ACCEPT;
    }
  }

  /** Entry point; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    int first = Integer.parseInt(args[0]);
    int last = args.length > 1 && !args[1].contains("=") ? Integer.parseInt(args[1]) : first;
    List<Queue> queues = new ArrayList<>();
    try {
      for (int q = first; q <= last; q++) {
        NfqOptions o = NfqOptions.defaults(q);
        for (String a : args) {
          if (a.startsWith("rxbatch=")) {
            o = o.withReceiveBatch(Integer.parseInt(a.substring(8)));
          } else if (a.startsWith("vbatch=")) {
            o = o.withVerdictBatch(Integer.parseInt(a.substring(7)));
          }
        }
        queues.add(new Queue(o));
      }
    } catch (NfqException e) {
      System.out.println("ERROR " + e.getMessage());
      System.exit(1);
    }
    for (Queue q : queues) {
      q.thread =
          Thread.ofPlatform()
              .name("nfq-" + q.source.options().queue())
              .start(() -> q.source.run(q::verdict));
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  for (Queue q : queues) {
                    q.source.stop();
                  }
                  for (Queue q : queues) {
                    try {
                      q.thread.join(2000);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                    double secs = (q.last - q.first) / 1e9;
                    System.out.printf(
                        "QUEUE %d PACKETS %d SECONDS %.6f RATE %.0f%n",
                        q.source.options().queue(),
                        q.packets,
                        secs,
                        secs > 0 ? (q.packets - 1) / secs : 0.0);
                  }
                  System.out.flush();
                }));
    System.out.println("READY");
    System.out.flush();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      if (line.equals("RESET")) {
        queues.forEach(q -> q.reset.set(true));
      }
    }
    Thread.sleep(Long.MAX_VALUE); // stdin closed: wait for SIGTERM
  }
}
