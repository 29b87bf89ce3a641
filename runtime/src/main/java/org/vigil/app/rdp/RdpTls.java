package org.vigil.app.rdp;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.vigil.app.tls.X509Summary;

/**
 * The TLS records that follow an RDP negotiation of TLS, read as Suricata 7's RDP parser reads them
 * (one plaintext record at a time, its messages all of the record's type): a change cipher spec,
 * alert, handshake or heartbeat record parses, an application-data record or an unknown type does
 * not (the connection's parsing then ends). Of a handshake record, the messages are read while they
 * are whole and of a known type (the first must be); each Certificate message gives its chain.
 */
final class RdpTls {
  private static final int MAX_RECORD = 1 << 14;
  private static final int CHANGE_CIPHER_SPEC = 20;
  private static final int ALERT = 21;
  private static final int HANDSHAKE = 22;
  private static final int HEARTBEAT = 24;
  private static final int CERTIFICATE = 11;

  /** The handshake message types the TLS parser knows. */
  private static final java.util.Set<Integer> KNOWN =
      java.util.Set.of(0, 1, 2, 4, 5, 6, 11, 12, 13, 14, 15, 16, 20, 22, 24, 67);

  private RdpTls() {}

  /**
   * Reads one record at {@code in}'s position (moving past it); returns the certificate chains of
   * its Certificate messages (each as serials), empty for any other record. {@link
   * RdpReader#INCOMPLETE} when the record is not all there, {@link RdpReader#INVALID} when it does
   * not parse, {@link RdpReader#STALLED} when a heartbeat reads past the record's end.
   */
  static List<List<String>> record(RdpReader in) {
    int type = in.u8();
    in.u16be(); // the version
    int len = in.u16be();
    if (len > MAX_RECORD) {
      throw RdpReader.INVALID;
    }
    RdpReader body = in.sub(len);
    return switch (type) {
      case CHANGE_CIPHER_SPEC -> {
        if (body.left() < 1 || body.u8() != 1) {
          throw RdpReader.INVALID;
        }
        yield List.of();
      }
      case ALERT -> {
        if (body.left() < 2) {
          throw RdpReader.INVALID;
        }
        yield List.of();
      }
      case HANDSHAKE -> handshake(body);
      case HEARTBEAT -> {
        try {
          body.u8();
          int payload = body.u16be();
          if (len < 3) {
            throw RdpReader.INVALID;
          }
          body.take(payload);
        } catch (RdpReader.Incomplete e) {
          throw RdpReader.STALLED;
        }
        yield List.of();
      }
      default -> throw RdpReader.INVALID; // application data, or a type TLS does not have
    };
  }

  private static List<List<String>> handshake(RdpReader body) {
    List<List<String>> chains = new ArrayList<>();
    boolean first = true;
    while (true) {
      if (body.left() < 4) {
        break;
      }
      int type = body.u8();
      int len = body.u24be();
      if (body.left() < len || !KNOWN.contains(type)) {
        break;
      }
      RdpReader msg = body.sub(len);
      if (type == CERTIFICATE) {
        List<String> chain = certificates(msg);
        if (chain == null) {
          break;
        }
        chains.add(chain);
      }
      first = false;
    }
    if (first) {
      throw RdpReader.INVALID; // not even one message
    }
    return chains;
  }

  /** A Certificate message's serials; null when the message does not parse. */
  private static List<String> certificates(RdpReader msg) {
    if (msg.left() < 3) {
      return null;
    }
    int listLen = msg.u24be();
    if (msg.left() < listLen) {
      return null;
    }
    RdpReader list = msg.sub(listLen);
    List<String> serials = new ArrayList<>();
    while (list.left() >= 3) {
      int at = list.pos();
      int certLen = list.u24be();
      if (list.left() < certLen) {
        list.seek(at);
        break;
      }
      int certAt = list.take(certLen);
      String serial = serial(list.bytes(), certAt, certLen);
      if (serial != null) {
        serials.add(serial);
      }
    }
    return serials;
  }

  /**
   * A certificate's serial number as lower-case hex of its value without leading zeros (null when
   * the certificate does not parse).
   */
  static String serial(byte[] b, int off, int len) {
    X509Summary x = X509Summary.parse(b, off, len);
    if (x == null) {
      return null;
    }
    String hex = x.serial().replace(":", "");
    return hex.isEmpty() ? "0" : new BigInteger(hex, 16).toString(16);
  }
}
