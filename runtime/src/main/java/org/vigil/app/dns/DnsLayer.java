package org.vigil.app.dns;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.vigil.app.AppControl;
import org.vigil.app.AppLayer;
import org.vigil.app.AppTransaction;
import org.vigil.app.AppUnit;
import org.vigil.app.UnitSink;
import org.vigil.detect.api.Buffers;

/**
 * DNS on one flow: over UDP each {@link #onData} call is one message; over TCP each message is
 * framed by a 2-byte length (RFC 1035 4.2.2) across segments. A request opens a transaction, a
 * response with the same id completes it (and is logged); each query name of a request is a unit of
 * its direction with the {@code dns.query} buffer (Suricata 7 inspects dns.query in requests only).
 * Messages that do not parse are skipped; a gap ends TCP parsing. Open transactions are bounded
 * ({@link #MAX_OPEN}; the oldest is dropped).
 */
public final class DnsLayer implements AppLayer {
  /** Requests kept waiting for their response. */
  static final int MAX_OPEN = 256;

  private final AppControl control;
  private final boolean datagrams;
  private final TcpFrame[] frames;
  private final ArrayDeque<DnsTransaction> open = new ArrayDeque<>();
  private final List<AppUnit> ready = new ArrayList<>();
  private long transactions;
  private long invalid;
  private boolean failed;

  /** A layer over UDP ({@code datagrams}) or TCP, asking {@code control} for logging. */
  public DnsLayer(AppControl control, boolean datagrams) {
    this.control = control;
    this.datagrams = datagrams;
    this.frames = datagrams ? null : new TcpFrame[] {new TcpFrame(), new TcpFrame()};
  }

  @Override
  public void onData(boolean toServer, byte[] buf, int off, int len) {
    if (failed) {
      return;
    }
    if (datagrams) {
      message(toServer, buf, off, len);
      return;
    }
    TcpFrame f = frames[toServer ? 0 : 1];
    int end = off + len;
    int p = off;
    while (p < end) {
      p = f.feed(buf, p, end);
      if (f.complete()) {
        message(toServer, f.body, 0, f.body.length);
        f.reset();
      }
    }
  }

  private void message(boolean toServer, byte[] b, int off, int len) {
    DnsMessage m = DnsParser.parse(b, off, len);
    if (m == null) {
      invalid++;
      return;
    }
    if (!m.response()) {
      DnsTransaction tx = new DnsTransaction(transactions++);
      tx.request(m);
      if (open.size() >= MAX_OPEN) {
        open.pollFirst();
      }
      open.addLast(tx);
      control.logTransaction(tx);
      for (AppTransaction further : tx.furtherQuestions()) {
        control.logTransaction(further);
      }
      for (DnsMessage.Query q : m.queries()) {
        byte[] name = q.name();
        ready.add(
            new AppUnit(
                toServer, tx, out -> out.put(Buffers.DNS_QUERY, name, 0, name.length), null));
      }
      return;
    }
    DnsTransaction tx = null;
    for (Iterator<DnsTransaction> it = open.iterator(); it.hasNext(); ) {
      DnsTransaction t = it.next();
      if (t.request().id() == m.id()) {
        it.remove();
        tx = t;
        break;
      }
    }
    if (tx == null) {
      tx = new DnsTransaction(transactions++);
    }
    tx.response(m);
    control.logTransaction(tx);
  }

  @Override
  public void onGap(boolean toServer, long length) {
    failed = !datagrams;
  }

  @Override
  public void onClose(boolean toServer) {}

  @Override
  public void units(boolean toServer, boolean flowEnd, UnitSink out) {
    for (Iterator<AppUnit> it = ready.iterator(); it.hasNext(); ) {
      AppUnit u = it.next();
      if (flowEnd || u.toServer() == toServer) {
        it.remove();
        out.inspect(u);
      }
    }
  }

  /** Messages that did not parse (skipped). */
  public long invalidMessages() {
    return invalid;
  }

  /** Transactions opened so far. */
  public long transactions() {
    return transactions;
  }

  /** One TCP direction's message framing: a 2-byte length, then that many bytes. */
  private static final class TcpFrame {
    private int header;
    private int headerBytes;
    private byte[] body;
    private int read;

    /** Reads from {@code b[p..end)}; returns the position reached. */
    int feed(byte[] b, int p, int end) {
      while (headerBytes < 2 && p < end) {
        header = (header << 8) | (b[p++] & 0xFF);
        headerBytes++;
      }
      if (headerBytes < 2) {
        return p;
      }
      if (body == null) {
        body = new byte[header];
        read = 0;
      }
      int n = Math.min(body.length - read, end - p);
      System.arraycopy(b, p, body, read, n);
      read += n;
      return p + n;
    }

    boolean complete() {
      return body != null && read == body.length;
    }

    void reset() {
      header = 0;
      headerBytes = 0;
      body = null;
      read = 0;
    }
  }
}
