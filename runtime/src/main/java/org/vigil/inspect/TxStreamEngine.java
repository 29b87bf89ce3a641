package org.vigil.inspect;

import java.util.Arrays;
import org.vigil.app.BufferSink;
import org.vigil.detect.api.Buffers;
import org.vigil.detect.api.InspectionContext;

/**
 * Suricata 7's stream inspect engine of app-layer rules, for the rules mixing app-layer buffers
 * with raw payload ({@link org.vigil.detect.artifact.RuleMeta#ON_TX_STREAM}): a transaction
 * inspected while a packet (or a flow end) is processed is matched with its buffers plus each raw
 * stream chunk of its direction inspected during that processing, before it or after it; one alert
 * per rule and transaction (the transaction's admission decides).
 */
final class TxStreamEngine {
  /**
   * Runs the mixed rules on the context as it is, as pass {@code pass} (a unit's tx-stream pass).
   */
  @FunctionalInterface
  interface Inspection {
    void run(DetectionPass pass);
  }

  private boolean enabled;
  private final InspectionContext ctx;
  private final BufferSink buffers;
  private final Inspection inspection;

  /**
   * Copies of the raw chunks inspected so far in this processing, per direction (to server first).
   */
  private final RawChunks rawToServer = new RawChunks();

  private final RawChunks rawToClient = new RawChunks();

  /**
   * Copies of raw chunks, back to back in one array that is reused from one processing to the next
   * (it grows to the most bytes one processing kept and stays so).
   */
  private static final class RawChunks {
    byte[] bytes = new byte[4096];
    int[] ends = new int[8];
    int count;

    boolean isEmpty() {
      return count == 0;
    }

    void add(byte[] buf, int off, int len) {
      int start = count == 0 ? 0 : ends[count - 1];
      if (start + len > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, start + len));
      }
      System.arraycopy(buf, off, bytes, start, len);
      if (count == ends.length) {
        ends = Arrays.copyOf(ends, count * 2);
      }
      ends[count++] = start + len;
    }

    int start(int i) {
      return i == 0 ? 0 : ends[i - 1];
    }

    void clear() {
      count = 0;
    }
  }

  /**
   * An engine over {@code ctx}, whose units put their buffers through {@code buffers}; without a
   * mixed rule in {@code ruleset} every call is a no-op.
   */
  TxStreamEngine(
      org.vigil.detect.Ruleset ruleset,
      InspectionContext ctx,
      BufferSink buffers,
      Inspection inspection) {
    this.enabled = mixedRules(ruleset);
    this.ctx = ctx;
    this.buffers = buffers;
    this.inspection = inspection;
  }

  /** True when {@code ruleset} has rules mixing app-layer buffers with raw payload. */
  private static boolean mixedRules(org.vigil.detect.Ruleset ruleset) {
    for (int r = 0; r < ruleset.size(); r++) {
      if ((ruleset.meta(r).scope() & org.vigil.detect.artifact.RuleMeta.ON_TX_STREAM) != 0) {
        return true;
      }
    }
    return false;
  }

  /** Turns the engine on or off for the rules of a reloaded ruleset (between packets). */
  void rulesChanged(org.vigil.detect.Ruleset ruleset) {
    enabled = mixedRules(ruleset);
  }

  /**
   * A raw chunk {@code buf[off, off+len)} of direction {@code toServer} was inspected (the context
   * oriented in it): the transactions of that direction inspected earlier read it, and it is kept
   * for those inspected later, when the flow has an app layer.
   */
  void chunkInspected(FlowContext fc, boolean toServer, byte[] buf, int off, int len) {
    if (!enabled || fc == null || len <= 0) {
      return;
    }
    if (fc.app != null) {
      (toServer ? rawToServer : rawToClient).add(buf, off, len);
    }
    if (!fc.hasPending(toServer)) {
      return;
    }
    for (DetectionPass t : fc.pending(toServer)) {
      ctx.clearBuffers();
      t.app().buffers().fill(buffers);
      ctx.setBuffer(Buffers.PAYLOAD, buf, off, len);
      inspection.run(t);
    }
    ctx.clearBuffers();
    ctx.setBuffer(Buffers.PAYLOAD, buf, off, len);
  }

  /**
   * The transaction unit of {@code unitPass} (an app-layer pass) was inspected, its buffers still
   * in the context: the mixed rules read each raw chunk of its direction kept so far, and it waits
   * for the chunks still to come in this processing.
   */
  void transactionInspected(FlowContext fc, DetectionPass unitPass) {
    if (!enabled || unitPass.app().tx() == null) {
      return;
    }
    DetectionPass pass = unitPass.onTxStream();
    boolean toServer = pass.app().toServer();
    RawChunks raw = toServer ? rawToServer : rawToClient;
    if (!raw.isEmpty()) {
      byte[] d = ctx.data[Buffers.PAYLOAD];
      int o = ctx.off[Buffers.PAYLOAD];
      int l = ctx.len[Buffers.PAYLOAD];
      for (int i = 0; i < raw.count; i++) {
        int start = raw.start(i);
        ctx.setBuffer(Buffers.PAYLOAD, raw.bytes, start, raw.ends[i] - start);
        inspection.run(pass);
      }
      ctx.data[Buffers.PAYLOAD] = d;
      ctx.off[Buffers.PAYLOAD] = o;
      ctx.len[Buffers.PAYLOAD] = l;
    }
    if (fc != null) {
      fc.pending(toServer).add(pass);
    }
  }

  /** The packet (or flow end) was processed: its transactions and raw chunks are done with. */
  void endOfProcessing(FlowContext fc) {
    if (!rawToServer.isEmpty()) {
      rawToServer.clear();
    }
    if (!rawToClient.isEmpty()) {
      rawToClient.clear();
    }
    if (fc != null) {
      fc.pendingToServer = null;
      fc.pendingToClient = null;
    }
  }
}
