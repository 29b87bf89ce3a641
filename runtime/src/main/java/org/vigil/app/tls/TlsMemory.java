package org.vigil.app.tls;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.vigil.memory.Memcap;

/**
 * The TLS parsers' budget ({@code app-layer.protocols.tls.memcap}), shared by the threads of a run:
 * the bytes of handshake messages, first handshake records and SSLv2 records buffered while their
 * bytes arrive (see {@link TlsBuffer}). A buffer the budget has no room for ends the TLS parsing of
 * its flow, as a failed allocation ends Suricata's, and is counted ({@code tls.memcap}); a
 * handshake message announcing more than {@link #maxMessage} bytes is not buffered but skipped and
 * counted ({@code tls.handshake_oversized}).
 */
public final class TlsMemory extends Memcap {
  private final int maxMessage;
  private final AtomicLong hits = new AtomicLong();
  private final AtomicLong oversized = new AtomicLong();

  /**
   * A budget of {@code capBytes} (0: unlimited) in which one handshake message takes at most {@code
   * maxMessage} bytes.
   */
  public TlsMemory(long capBytes, int maxMessage) {
    super(capBytes);
    this.maxMessage = maxMessage;
  }

  /** The longest handshake message buffered; a longer one is skipped. */
  int maxMessage() {
    return maxMessage;
  }

  /** A buffer found no room: its flow's TLS parsing ends. */
  void hit() {
    hits.incrementAndGet();
  }

  /** A handshake message longer than {@link #maxMessage} was skipped. */
  void oversized() {
    oversized.incrementAndGet();
  }

  /** Flows whose TLS parsing ended for want of room. */
  public long hits() {
    return hits.get();
  }

  /** Handshake messages skipped for their length. */
  public long oversizedMessages() {
    return oversized.get();
  }

  /** The stats.json counters: memuse (now and at most), memcap (hits) and handshake_oversized. */
  Map<String, Object> counters() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("memuse", used());
    m.put("memuse_peak", peak());
    m.put("memcap", hits());
    m.put("handshake_oversized", oversizedMessages());
    return m;
  }
}
