package org.vigil.app.rfb;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The handshake of an RFB (VNC) connection as Suricata 7's RFB parser follows it, one state for
 * both directions: the server's and client's protocol versions, the security types offered and
 * chosen (in 3.3 the server's choice), the VNC challenge and response, the security result or the
 * failure reason, the client init and the server init. The server's version opens the connection's
 * transaction; the server init completes it. A message the state does not expect in its direction
 * (confused state), a security type or result the parser does not know, or a malformed failure
 * reason ends the parsing after raising Suricata's event; a protocol version that is none is an
 * error. A message cut short waits for the direction's next bytes.
 */
final class RfbParser {
  /** Result bit: the data is not RFB; the connection's parsing ends. */
  static final int ERROR = 1;

  /** The parser's states, in Suricata's names. */
  enum State {
    TC_SERVER_PROTOCOL_VERSION,
    TC_SUPPORTED_SECURITY_TYPES,
    TC_VNC_CHALLENGE,
    TC_SERVER_INIT,
    TC_FAILURE_REASON,
    TS_CLIENT_PROTOCOL_VERSION,
    TC_SERVER_SECURITY_TYPE,
    TS_SECURITY_TYPE_SELECTION,
    TS_VNC_RESPONSE,
    TC_SECURITY_RESULT,
    TS_CLIENT_INIT,
    SKIP
  }

  /** The most bytes held for a message still incomplete (a longer one ends the parsing). */
  static final int MAX_HELD = 1 << 20;

  private static final int NEED = -1;
  private static final int BAD = -2;

  private State state = State.TC_SERVER_PROTOCOL_VERSION;
  private RfbTransaction tx;
  private final byte[][] held = new byte[2][];

  /** The connection's transaction, or null before the server's version. */
  RfbTransaction transaction() {
    return tx;
  }

  /** The current state. */
  State state() {
    return state;
  }

  /**
   * Parses {@code len} new bytes of direction {@code toServer}; returns {@link #ERROR} when the
   * parsing ends in error, else 0.
   */
  int onData(boolean toServer, byte[] b, int off, int len) {
    int d = toServer ? 0 : 1;
    if (state == State.SKIP || len <= 0) {
      return 0;
    }
    byte[] in = b;
    int p = off;
    int end = off + len;
    if (held[d] != null) {
      in = new byte[held[d].length + len];
      System.arraycopy(held[d], 0, in, 0, held[d].length);
      System.arraycopy(b, off, in, held[d].length, len);
      p = 0;
      end = in.length;
      held[d] = null;
    }
    while (p < end && state != State.SKIP) {
      int n = toServer ? request(in, p, end) : response(in, p, end);
      if (n == BAD) {
        state = State.SKIP;
        return ERROR;
      }
      if (n == NEED) {
        if (end - p > MAX_HELD) {
          state = State.SKIP;
        } else {
          held[d] = Arrays.copyOfRange(in, p, end);
        }
        return 0;
      }
      if (n == 0) {
        return 0; // a failure reason: the rest of the data is not read
      }
      p += n;
    }
    return 0;
  }

  /** Skips the rest of the handshake after raising {@code event} (completing if asked). */
  private int stop(String event, boolean complete) {
    if (tx != null) {
      tx.event(event);
      tx.complete |= complete;
    }
    state = State.SKIP;
    return 0;
  }

  private int request(byte[] b, int p, int end) {
    switch (state) {
      case TS_CLIENT_PROTOCOL_VERSION -> {
        String[] v = new String[2];
        int n = version(b, p, end, v);
        if (n < 0) {
          return n;
        }
        state =
            v[0].equals("003") && v[1].equals("003")
                ? State.TC_SERVER_SECURITY_TYPE
                : State.TC_SUPPORTED_SECURITY_TYPES;
        tx.clientVersion = v;
        return n;
      }
      case TS_SECURITY_TYPE_SELECTION -> {
        if (end - p < 1) {
          return NEED;
        }
        int t = b[p] & 0xFF;
        tx.securityType = t;
        if (t == 2) {
          state = State.TC_VNC_CHALLENGE;
        } else if (t == 1) {
          state = State.TS_CLIENT_INIT;
        } else {
          return stop("unimplemented_security_type", false);
        }
        return 1;
      }
      case TS_VNC_RESPONSE -> {
        if (end - p < 16) {
          return NEED;
        }
        tx.response = Arrays.copyOfRange(b, p, p + 16);
        state = State.TC_SECURITY_RESULT;
        return 16;
      }
      case TS_CLIENT_INIT -> {
        if (end - p < 1) {
          return NEED;
        }
        tx.shared = b[p] & 0xFF;
        state = State.TC_SERVER_INIT;
        return 1;
      }
      default -> {
        return stop("confused_state", true);
      }
    }
  }

  private int response(byte[] b, int p, int end) {
    switch (state) {
      case TC_SERVER_PROTOCOL_VERSION -> {
        String[] v = new String[2];
        int n = version(b, p, end, v);
        if (n < 0) {
          return n;
        }
        state = State.TS_CLIENT_PROTOCOL_VERSION;
        tx = new RfbTransaction();
        tx.serverVersion = v;
        return n;
      }
      case TC_SUPPORTED_SECURITY_TYPES -> {
        if (end - p < 1 || end - p < 1 + (b[p] & 0xFF)) {
          return NEED;
        }
        int count = b[p] & 0xFF;
        state = count == 0 ? State.TC_FAILURE_REASON : State.TS_SECURITY_TYPE_SELECTION;
        return 1 + count;
      }
      case TC_SERVER_SECURITY_TYPE -> {
        if (end - p < 4) {
          return NEED;
        }
        long t = u32(b, p);
        if (t == 0) {
          state = State.TC_FAILURE_REASON;
        } else if (t == 1) {
          state = State.TS_CLIENT_INIT;
        } else if (t == 2) {
          state = State.TC_VNC_CHALLENGE;
        } else {
          return stop("unimplemented_security_type", true);
        }
        tx.securityType = t;
        return 4;
      }
      case TC_VNC_CHALLENGE -> {
        if (end - p < 16) {
          return NEED;
        }
        tx.challenge = Arrays.copyOfRange(b, p, p + 16);
        state = State.TS_VNC_RESPONSE;
        return 16;
      }
      case TC_SECURITY_RESULT -> {
        if (end - p < 4) {
          return NEED;
        }
        long status = u32(b, p);
        if (status == 0) {
          state = State.TS_CLIENT_INIT;
          tx.securityResult = 0;
        } else if (status == 1) {
          state = State.TC_FAILURE_REASON;
        } else {
          return stop("unknown_security_result", true);
        }
        return 4;
      }
      case TC_FAILURE_REASON -> {
        if (end - p < 4) {
          return NEED;
        }
        long len = u32(b, p);
        if (end - p - 4 < len) {
          return NEED;
        }
        String reason = utf8(b, p + 4, (int) len);
        if (reason == null) {
          return stop("malformed_message", true);
        }
        tx.failureReason = reason;
        return 0; // the state stays, the rest is not read
      }
      case TC_SERVER_INIT -> {
        if (end - p < 24) {
          return NEED;
        }
        long nameLen = u32(b, p + 20);
        if (end - p - 24 < nameLen) {
          return NEED;
        }
        int width = ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
        int height = ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF);
        tx.serverInit =
            new RfbTransaction.ServerInit(
                width,
                height,
                Arrays.copyOfRange(b, p + 4, p + 20),
                Arrays.copyOfRange(b, p + 24, p + 24 + (int) nameLen));
        tx.complete = true;
        state = State.SKIP;
        return 24 + (int) nameLen;
      }
      default -> {
        return stop("confused_state", true);
      }
    }
  }

  /**
   * A protocol version line "RFB xxx.yyy\n" (the tag in any case as sent, the numbers as UTF-8):
   * its length, {@link #NEED} or {@link #BAD}; fills {@code v} with major and minor.
   */
  private static int version(byte[] b, int p, int end, String[] v) {
    byte[] tag = {'R', 'F', 'B', ' '};
    for (int i = 0; i < 4; i++) {
      if (p + i >= end) {
        return NEED;
      }
      if (b[p + i] != tag[i]) {
        return BAD;
      }
    }
    if (end - p < 7) {
      return NEED;
    }
    v[0] = utf8(b, p + 4, 3);
    if (v[0] == null) {
      return BAD;
    }
    if (end - p < 8) {
      return NEED;
    }
    if (b[p + 7] != '.') {
      return BAD;
    }
    if (end - p < 11) {
      return NEED;
    }
    v[1] = utf8(b, p + 8, 3);
    if (v[1] == null) {
      return BAD;
    }
    if (end - p < 12) {
      return NEED;
    }
    return b[p + 11] == '\n' ? 12 : BAD;
  }

  private static long u32(byte[] b, int p) {
    return ((b[p] & 0xFFL) << 24)
        | ((b[p + 1] & 0xFFL) << 16)
        | ((b[p + 2] & 0xFFL) << 8)
        | (b[p + 3] & 0xFFL);
  }

  private static String utf8(byte[] b, int off, int len) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b, off, len))
          .toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }
}
