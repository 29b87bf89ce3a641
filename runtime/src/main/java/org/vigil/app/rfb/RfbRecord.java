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
 * <p>The record holds the handshake as it was when the record was made: a worker's record (an
 * alert's {@code rfb} object) is written later, by another thread, while the handshake goes on.
 *
 * @param serverVersion the server's protocol version (major, minor), or null
 * @param clientVersion the client's, or null
 * @param securityType the security type chosen, or -1
 * @param challenge the VNC challenge, or null
 * @param response the VNC response, or null
 * @param securityResult the security result's status, or -1
 * @param failureReason the server's failure reason, or null
 * @param shared the client init's shared flag, or -1
 * @param serverInit the server init, or null
 */
record RfbRecord(
    String[] serverVersion,
    String[] clientVersion,
    long securityType,
    byte[] challenge,
    byte[] response,
    long securityResult,
    String failureReason,
    int shared,
    RfbTransaction.ServerInit serverInit)
    implements AppRecord {
  /** The record of {@code tx} as it stands (its arrays are never changed once set). */
  RfbRecord(RfbTransaction tx) {
    this(
        tx.serverVersion,
        tx.clientVersion,
        tx.securityType,
        tx.challenge,
        tx.response,
        tx.securityResult,
        tx.failureReason,
        tx.shared,
        tx.serverInit);
  }

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
    version(out, "server_protocol_version", serverVersion);
    version(out, "client_protocol_version", clientVersion);
    out.startObject("authentication");
    if (securityType >= 0) {
      out.number("security_type", securityType);
    }
    if (securityType == 2) {
      out.startObject("vnc");
      if (challenge != null) {
        out.string("challenge", HexFormat.of().formatHex(challenge));
      }
      if (response != null) {
        out.string("response", HexFormat.of().formatHex(response));
      }
      out.endObject();
    }
    if (securityResult >= 0) {
      long s = securityResult;
      out.string(
          "security_result",
          s == 0 ? "OK" : s == 1 ? "FAIL" : s == 2 ? "TOOMANY" : "UNKNOWN (" + s + ")");
    }
    out.endObject();
    out.string("server_security_failure_reason", failureReason);
    if (shared >= 0) {
      out.bool("screen_shared", shared != 0);
    }
    RfbTransaction.ServerInit si = serverInit;
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
