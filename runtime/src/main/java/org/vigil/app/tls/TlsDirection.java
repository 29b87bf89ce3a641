package org.vigil.app.tls;

/**
 * One direction of a TLS connection as Suricata 7's SSLv3/TLS record decoder reads it: the 5-byte
 * record header (content type, version, length) framed across segments, then the record's body. It
 * reports each complete record (Suricata then triggers raw stream inspection of the direction), the
 * first body byte of an ApplicationData record (Suricata then stops payload inspection of the flow)
 * and the errors that make Suricata give up the flow's app layer: a record length of 0 or above
 * 2^14 + 1024, a version Suricata does not know before the direction's first handshake record, an
 * unknown content type unless the direction's last version was TLS 1.0 or 1.1 (then the rest of the
 * data handed in that call is skipped), a heartbeat {@link TlsHeartbeat} refuses. A record whose
 * first byte has one of its top two bits set is an SSLv2 record (2- or 3-byte length header, then
 * the message type), read whole and given to {@link Ssl2State}. Of the handshake messages only the
 * hellos are looked at (early data, see {@link TlsHello}), so handshake errors are not seen.
 */
final class TlsDirection {
  static final int HEADER = 5;
  static final int MAX_RECORD = (1 << 14) + 1024;

  private final boolean toServer;
  private final TlsHeartbeat heartbeat;
  private final TlsHandshakeState handshake;
  private final Ssl2State ssl2;
  private final TlsSession session;
  private final TlsHandshake messages;

  /**
   * The SSLv2 record being read: its header length (2 or 3) once known, 0 for an SSLv3/TLS record.
   */
  private int ssl2HeaderLen;

  /** The body of the SSLv2 record being read (message type first). */
  private final TlsBuffer ssl2Body;

  /** The length of the SSLv2 record being read, 0 before its header is complete. */
  private int ssl2Length;

  /**
   * The body of the direction's first handshake record while it is read (unless it is all in one
   * segment: then it is read in place).
   */
  private final TlsBuffer helloBody;

  /** The handshake record being read is the direction's first. */
  private boolean helloPending;

  private boolean helloSeen;
  private final byte[] header = new byte[HEADER];

  /** The first body bytes of the current record (what the heartbeat checks read). */
  private final byte[] bodyStart = new byte[3];

  private int bodyRead;
  private int recordLength;
  private int headerBytes;

  /** Body bytes of the current record still to come (valid once the header is complete). */
  private int bodyLeft;

  private int contentType;

  /**
   * The record version Suricata keeps for the direction (the last record header's until a
   * handshake).
   */
  private int version;

  /**
   * A handshake record was seen: Suricata then keeps the hello's version and checks no record
   * version.
   */
  private boolean handshakeSeen;

  private long records;
  private boolean failed;

  TlsDirection(
      boolean toServer,
      TlsHeartbeat heartbeat,
      TlsHandshakeState handshake,
      Ssl2State ssl2,
      TlsSession session,
      TlsMemory memory) {
    this.toServer = toServer;
    this.session = session;
    this.messages = new TlsHandshake(toServer, session, memory);
    this.helloBody = new TlsBuffer(memory);
    this.ssl2Body = new TlsBuffer(memory);
    this.heartbeat = heartbeat;
    this.handshake = handshake;
    this.ssl2 = ssl2;
  }

  /**
   * Reads {@code len} bytes; returns the bits of {@link TlsConnectionParser} ({@code RECORD_END},
   * {@code APP_DATA}, {@code ERROR}).
   */
  int feed(byte[] b, int off, int len) {
    int result = 0;
    int end = off + len;
    int p = off;
    while (p < end && !failed) {
      if (headerBytes == 0 && ssl2HeaderLen == 0 && (b[p] & 0xC0) != 0) {
        ssl2HeaderLen = (b[p] & 0x80) != 0 ? 2 : 3;
      }
      if (ssl2HeaderLen > 0) {
        int r = feedSsl2(b, p, end);
        if (r < 0) {
          failed = true;
          return result | TlsConnectionParser.ERROR;
        }
        p = r;
        if (ssl2Done) {
          ssl2Done = false;
          result |= ssl2Encrypted ? TlsConnectionParser.NO_INSPECTION : 0;
        }
        continue;
      }
      if (headerBytes < HEADER) {
        int n = Math.min(HEADER - headerBytes, end - p);
        System.arraycopy(b, p, header, headerBytes, n);
        headerBytes += n;
        p += n;
        if (headerBytes < HEADER) {
          break;
        }
        if (version == TlsRecordTypes.SSL_2) {
          version = 0; // Suricata resets an SSLv2 version at the next SSLv3/TLS record
        }
        int prevVersion = version;
        contentType = header[0] & 0xFF;
        if (!handshakeSeen) {
          version = ((header[1] & 0xFF) << 8) | (header[2] & 0xFF);
        }
        bodyLeft = ((header[3] & 0xFF) << 8) | (header[4] & 0xFF);
        recordLength = bodyLeft;
        bodyRead = 0;
        if (!TlsRecordTypes.known(contentType)) {
          session.events.add(TlsEvent.INVALID_RECORD_TYPE);
          if (prevVersion == TlsRecordTypes.TLS_10 || prevVersion == TlsRecordTypes.TLS_11) {
            // Suricata ignores the record and everything else of this call, restoring the version
            version = prevVersion;
            headerBytes = 0;
            bodyLeft = 0;
            return result;
          }
          failed = true;
          return result | TlsConnectionParser.ERROR;
        }
        if (bodyLeft == 0 || bodyLeft > MAX_RECORD || !TlsRecordTypes.validVersion(version)) {
          // Suricata checks the length 0 first, then the version, then the maximum
          session.events.add(
              bodyLeft != 0 && !TlsRecordTypes.validVersion(version)
                  ? TlsEvent.INVALID_RECORD_VERSION
                  : TlsEvent.INVALID_RECORD_LENGTH);
          failed = true;
          return result | TlsConnectionParser.ERROR;
        }
        session.recordVersion(toServer, ((header[1] & 0xFF) << 8) | (header[2] & 0xFF));
        if (contentType == TlsRecordTypes.HANDSHAKE) {
          handshakeSeen = true;
          helloPending = !helloSeen;
        }
        continue;
      }
      int n = Math.min(bodyLeft, end - p);
      int start = p;
      boolean handshakeRecord = contentType == TlsRecordTypes.HANDSHAKE;
      // the first handshake record whole in these bytes is read in place, else gathered
      boolean helloHere = handshakeRecord && helloPending && n == recordLength;
      if (handshakeRecord
          && ((helloPending && !helloHere && !helloBody.append(b, p, n))
              || !messages.feed(b, p, n, bodyLeft == n))) {
        failed = true; // the TLS memcap had no room: as a failed allocation ends Suricata's parsing
        return result | TlsConnectionParser.ERROR;
      }
      for (int i = 0; i < n && bodyRead < bodyStart.length; i++) {
        bodyStart[bodyRead++] = b[p + i];
      }
      if (contentType == TlsRecordTypes.APPLICATION_DATA
          && n > 0
          && !handshake.applicationDataIsEarly()) {
        result |= TlsConnectionParser.APP_DATA;
      }
      bodyLeft -= n;
      p += n;
      if (bodyLeft == 0) {
        if (handshakeRecord && helloPending) {
          helloPending = false;
          if (helloHere) {
            hello(b, start, n);
          } else {
            hello(helloBody.bytes(), 0, helloBody.size());
            helloBody.clear();
          }
        } else if (contentType == TlsRecordTypes.CHANGE_CIPHER_SPEC) {
          heartbeat.changeCipherSpec();
          messages.changeCipherSpec();
        } else if (contentType == TlsRecordTypes.HEARTBEAT
            && !heartbeat.record(toServer, recordLength, bodyStart, bodyRead)) {
          failed = true;
          return result | TlsConnectionParser.ERROR;
        }
        headerBytes = 0;
        records++;
        result |= TlsConnectionParser.RECORD_END;
      }
    }
    return result;
  }

  private boolean ssl2Done;
  private boolean ssl2Encrypted;

  /**
   * Reads SSLv2 record bytes from {@code b[p..end)}: the 2- or 3-byte length header, then the body
   * (message type first), buffered whole as Suricata reads it. Returns the position reached, or -1
   * for an invalid record (zero length, a client hello shorter than its fixed fields).
   */
  private int feedSsl2(byte[] b, int p, int end) {
    while (headerBytes < ssl2HeaderLen && p < end) {
      header[headerBytes++] = b[p++];
    }
    if (headerBytes < ssl2HeaderLen) {
      return p;
    }
    if (ssl2Length == 0) {
      int mask = ssl2HeaderLen == 2 ? 0x7F : 0x3F;
      int length = ((header[0] & mask) << 8) | (header[1] & 0xFF);
      if (length == 0) {
        return -1;
      }
      ssl2Length = length;
      ssl2Body.start(length);
      version = TlsRecordTypes.SSL_2;
      session.ssl2Record(toServer);
    }
    // a 3-byte header's third byte is padding: the body follows it
    int n = Math.min(ssl2Length - ssl2Body.size(), end - p);
    if (!ssl2Body.append(b, p, n)) {
      return -1; // the TLS memcap had no room
    }
    p += n;
    if (ssl2Body.size() < ssl2Length) {
      return p;
    }
    byte[] body = ssl2Body.bytes();
    int type = body[0] & 0xFF;
    if (type == Ssl2State.CLIENT_HELLO) {
      if (ssl2Length - 1 < 6) {
        return -1;
      }
      version = ((body[1] & 0xFF) << 8) | (body[2] & 0xFF);
      handshakeSeen = true;
    }
    byte[] rest = java.util.Arrays.copyOfRange(body, 1, ssl2Length);
    ssl2Body.clear();
    ssl2Encrypted = ssl2.record(toServer, type, rest, rest.length);
    session.ssl2Message(toServer, type, rest);
    ssl2Done = true;
    ssl2Length = 0;
    ssl2HeaderLen = 0;
    headerBytes = 0;
    records++;
    return p;
  }

  /**
   * The direction's first complete handshake record, where its hello is (only that one is read).
   */
  private void hello(byte[] body, int off, int len) {
    helloSeen = true;
    int type = TlsHello.messageType(body, off, len);
    if (toServer && type == TlsHello.CLIENT_HELLO) {
      handshake.earlyData |= TlsHello.hasEarlyData(body, off, len);
    } else if (!toServer && type == TlsHello.SERVER_HELLO) {
      handshake.serverHello = true;
    } else {
      return;
    }
    if (session.version(toServer) != 0) {
      // Suricata checks later record headers against the hello's version
      version = session.version(toServer);
    }
  }

  /** Bytes were lost: Suricata's TLS parser does not accept gaps. */
  void fail() {
    failed = true;
    free();
  }

  /** Gives back the buffers the direction holds (its parsing ended, or the flow). */
  void free() {
    messages.free();
    helloBody.clear();
    ssl2Body.clear();
  }

  boolean failed() {
    return failed;
  }

  /** True when the direction is between records (its next byte starts one). */
  boolean atRecordStart() {
    return headerBytes == 0 && ssl2HeaderLen == 0;
  }

  /** Complete records read. */
  long records() {
    return records;
  }

  /** The content type of the record being read or last read, 0 before any. */
  int contentType() {
    return contentType;
  }
}
