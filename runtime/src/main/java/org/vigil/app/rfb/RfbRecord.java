package org.vigil.app.rfb;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.vigil.app.AppRecord;
import org.vigil.app.RecordWriter;

/**
 * An RFB connection's EVE record ({@code event_type: rfb}) as Suricata 7 writes it: the protocol
 * versions, the authentication (security type, VNC challenge and response, security result), a
 * server's failure reason, whether the screen is shared, and the server's framebuffer. The header
 * carries no {@code tx_id}.
 *
 * @param tx the transaction as it stands
 */
record RfbRecord(RfbTransaction tx) implements AppRecord {
  @Override
  public String eventType() {
    return "rfb";
  }

  @Override
  public boolean headerTxId() {
    return false;
  }

  @Override
  public void writeFields(RecordWriter out) {
    version(out, "server_protocol_version", tx.serverVersion);
    version(out, "client_protocol_version", tx.clientVersion);
    out.startObject("authentication");
    if (tx.securityType >= 0) {
      out.number("security_type", tx.securityType);
    }
    if (tx.securityType == 2) {
      out.startObject("vnc");
      if (tx.challenge != null) {
        out.string("challenge", HexFormat.of().formatHex(tx.challenge));
      }
      if (tx.response != null) {
        out.string("response", HexFormat.of().formatHex(tx.response));
      }
      out.endObject();
    }
    if (tx.securityResult >= 0) {
      long s = tx.securityResult;
      out.string(
          "security_result",
          s == 0 ? "OK" : s == 1 ? "FAIL" : s == 2 ? "TOOMANY" : "UNKNOWN (" + s + ")");
    }
    out.endObject();
    out.string("server_security_failure_reason", tx.failureReason);
    if (tx.shared >= 0) {
      out.bool("screen_shared", tx.shared != 0);
    }
    RfbTransaction.ServerInit si = tx.serverInit;
    if (si != null) {
      byte[] f = si.format();
      out.startObject("framebuffer");
      out.number("width", si.width());
      out.number("height", si.height());
      out.string("name", new String(si.name(), StandardCharsets.UTF_8));
      out.startObject("pixel_format");
      out.number("bits_per_pixel", f[0] & 0xFF);
      out.number("depth", f[1] & 0xFF);
      out.bool("big_endian", f[2] != 0);
      out.bool("true_color", f[3] != 0);
      out.number("red_max", u16(f, 4));
      out.number("green_max", u16(f, 6));
      out.number("blue_max", u16(f, 8));
      out.number("red_shift", f[10] & 0xFF);
      out.number("green_shift", f[11] & 0xFF);
      out.number("blue_shift", f[12] & 0xFF);
      out.endObject();
      out.endObject();
    }
  }

  private static int u16(byte[] b, int at) {
    return ((b[at] & 0xFF) << 8) | (b[at + 1] & 0xFF);
  }

  private static void version(RecordWriter out, String name, String[] v) {
    if (v != null) {
      out.startObject(name);
      out.string("major", v[0]);
      out.string("minor", v[1]);
      out.endObject();
    }
  }
}
