package org.vigil.app.rdp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One TPKT (T.123) and what it carries, read as Suricata 7's RDP parser reads it: an X.224 class 0
 * connection request (routing cookie, negotiation request), connection confirm (negotiation
 * response or failure), or data TPDU holding an MCS connect-initial (client core and network data
 * blocks after the "Duca" key) or connect-response. A TPKT whose content is none of these is
 * skipped; a content that reads past the TPKT's end stalls its direction ({@link
 * RdpReader#STALLED}), as the streaming parser keeps asking for bytes that cannot complete it.
 */
final class Tpkt {
  private static final byte[] COOKIE = "Cookie: ".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] MSTSHASH = "mstshash=".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] DUCA = {'D', 'u', 'c', 'a'};
  private static final int CONNECTION_REQUEST = 0xE;
  private static final int CONNECTION_CONFIRM = 0xD;

  private Tpkt() {}

  /**
   * Reads one TPKT at {@code in}'s position (moving past it): its message, or null for a TPKT
   * carrying nothing Suricata logs. {@link RdpReader#INVALID} when the bytes are no TPKT header
   * (version 3, length at least 4), {@link RdpReader#INCOMPLETE} when the TPKT is not all there,
   * {@link RdpReader#STALLED} when its content reads past its end.
   */
  static RdpMessage parse(RdpReader in) {
    if (in.u8() != 3) {
      throw RdpReader.INVALID;
    }
    in.u8();
    int size = in.u16be() - 4;
    if (size < 0) {
      throw RdpReader.INVALID;
    }
    RdpReader data = in.sub(size);
    try {
      return content(data);
    } catch (RdpReader.Incomplete e) {
      throw RdpReader.STALLED;
    }
  }

  private static RdpMessage content(RdpReader data) {
    int start = data.pos();
    try {
      return connectionRequest(data);
    } catch (RdpReader.Invalid e) {
      data.seek(start);
    }
    try {
      return connectionConfirm(data);
    } catch (RdpReader.Invalid e) {
      data.seek(start);
    }
    try {
      return dataTpdu(data);
    } catch (RdpReader.Invalid e) {
      return null;
    }
  }

  /**
   * The X.224 header fields common to a connection request and confirm of type {@code type}: the
   * length indicator, type/credit, destination reference 0, source reference, class and options.
   * Returns the variable part's size and whether the class and options are 0 (bit 16).
   */
  private static int header(RdpReader in, int type) {
    int length = in.u8();
    if (length == 0xff) {
      throw RdpReader.INVALID;
    }
    int typeCredit = in.u8();
    if (typeCredit >> 4 != type || (typeCredit & 0xF) > 1) {
      throw RdpReader.INVALID;
    }
    if (in.u16be() != 0) {
      throw RdpReader.INVALID;
    }
    in.u16be(); // the source reference
    int classOptions = in.u8();
    int cls = classOptions >> 4;
    int options = classOptions & 0xF;
    if (cls > 4 || options > 3 || length < 6) {
      throw RdpReader.INVALID;
    }
    return (length - 6) | (cls == 0 && options == 0 ? 1 << 16 : 0);
  }

  private static RdpMessage connectionRequest(RdpReader in) {
    int h = header(in, CONNECTION_REQUEST);
    int size = h & 0xFFFF;
    String cookie = null;
    int flags = -1;
    if (size > 0) {
      RdpReader d = in.sub(size);
      int at = d.pos();
      try {
        cookie = cookie(d);
      } catch (RdpReader.Invalid e) {
        d.seek(at);
      }
      if (d.left() > 0) {
        at = d.pos();
        try {
          flags = negotiationRequest(d);
        } catch (RdpReader.Invalid e) {
          d.seek(at);
        }
      }
    }
    if ((h & (1 << 16)) == 0) {
      throw RdpReader.INVALID; // not class 0
    }
    return new RdpMessage.ConnectionRequest(cookie, flags);
  }

  private static String cookie(RdpReader d) {
    d.tag(COOKIE);
    d.tag(MSTSHASH);
    int from = d.pos();
    d.skipPast(CRLF);
    return RdpText.utf8(d.bytes(), from, d.pos() - 2 - from);
  }

  /** A negotiation request's flags. */
  private static int negotiationRequest(RdpReader d) {
    d.expect(1);
    int flags = d.u8();
    if ((flags & ~0x0B) != 0 || d.u16le() != 8 || (d.u32le() & ~0xFL) != 0) {
      throw RdpReader.INVALID;
    }
    return flags;
  }

  private static RdpMessage connectionConfirm(RdpReader in) {
    int h = header(in, CONNECTION_CONFIRM);
    int size = h & 0xFFFF;
    RdpMessage.ConnectionConfirm cc = new RdpMessage.ConnectionConfirm(-1, -1, -1);
    if (size > 0) {
      RdpReader d = in.sub(size);
      int at = d.pos();
      try {
        cc = response(d);
      } catch (RdpReader.Invalid e) {
        d.seek(at);
        try {
          cc = failure(d);
        } catch (RdpReader.Invalid f) {
          // neither: a confirm without negotiation
        }
      }
    }
    if ((h & (1 << 16)) == 0) {
      throw RdpReader.INVALID;
    }
    return cc;
  }

  private static RdpMessage.ConnectionConfirm response(RdpReader d) {
    d.expect(2);
    int flags = d.u8();
    if ((flags & ~0x1F) != 0 || d.u16le() != 8) {
      throw RdpReader.INVALID;
    }
    long protocol = d.u32le();
    if (protocol != 0 && protocol != 1 && protocol != 2 && protocol != 4 && protocol != 8) {
      throw RdpReader.INVALID;
    }
    return new RdpMessage.ConnectionConfirm(flags, (int) protocol, -1);
  }

  private static RdpMessage.ConnectionConfirm failure(RdpReader d) {
    d.expect(3);
    d.u8();
    if (d.u16le() != 8) {
      throw RdpReader.INVALID;
    }
    long code = d.u32le();
    if (code < 1 || code > 6) {
      throw RdpReader.INVALID;
    }
    return new RdpMessage.ConnectionConfirm(-1, -1, (int) code);
  }

  /** An X.224 data TPDU (length 2, DT, EOT) carrying an MCS connect-initial or -response. */
  private static RdpMessage dataTpdu(RdpReader in) {
    if (in.u8() != 2 || in.u8() != 0xF0 || in.u8() != 0x80) {
      throw RdpReader.INVALID;
    }
    int at = in.pos();
    try {
      return connectInitial(in);
    } catch (RdpReader.Invalid e) {
      in.seek(at);
    }
    try {
      in.expect(0x7f);
      in.expect(0x66);
      return new RdpMessage.ConnectResponse();
    } catch (RdpReader.Invalid e) {
      return null;
    }
  }

  private static RdpMessage connectInitial(RdpReader in) {
    in.expect(0x7f);
    in.expect(0x65);
    in.skipPast(DUCA);
    int len = in.u8();
    if ((len & 0x80) != 0) {
      if ((len & 0x40) != 0) {
        throw RdpReader.INVALID; // a 16K+ length: not read
      }
      len = ((len & 0x3f) << 8) | in.u8();
    }
    RdpReader blocks = in.sub(len);
    List<RdpMessage.ClientBlock> out = new ArrayList<>();
    while (true) {
      int at = blocks.pos();
      try {
        out.add(ClientCoreData.parse(blocks));
      } catch (RdpReader.Invalid e) {
        blocks.seek(at);
        try {
          out.add(channels(blocks));
        } catch (RdpReader.Invalid f) {
          blocks.seek(at);
          try {
            otherBlock(blocks);
          } catch (RdpReader.Invalid g) {
            break;
          }
        }
      }
      if (blocks.left() == 0) {
        break;
      }
    }
    return new RdpMessage.ConnectRequest(List.copyOf(out));
  }

  private static RdpMessage.ClientChannels channels(RdpReader in) {
    if (in.u16le() != 0xc003) {
      throw RdpReader.INVALID;
    }
    int size = in.u16le() - 8;
    if (size < 0) {
      throw RdpReader.INVALID;
    }
    long count = in.u32le();
    RdpReader d = in.sub(size);
    List<String> names = new ArrayList<>();
    for (long i = 0; i < count; i++) {
      names.add(RdpText.utf8UpToZero(d, 8));
      d.u32le(); // the channel's options
    }
    return new RdpMessage.ClientChannels(List.copyOf(names));
  }

  private static void otherBlock(RdpReader in) {
    int type = in.u16le();
    if (type == ClientCoreData.TYPE || type == 0xc003) {
      throw RdpReader.INVALID;
    }
    int size = in.u16le() - 4;
    if (size < 0) {
      throw RdpReader.INVALID;
    }
    in.take(size);
  }
}
