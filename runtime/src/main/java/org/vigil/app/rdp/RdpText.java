package org.vigil.app.rdp;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The text fields of RDP's messages, decoded strictly: bytes that are no valid text are invalid.
 */
final class RdpText {
  private RdpText() {}

  /**
   * A fixed-size UTF-16LE field of {@code size} bytes at {@code in}'s position (moving past it):
   * its code units up to the first zero one (an odd last byte is ignored); {@link
   * RdpReader#INVALID} when they are no valid UTF-16 (an unpaired surrogate).
   */
  static String utf16(RdpReader in, int size) {
    int at = in.take(size);
    byte[] b = in.bytes();
    StringBuilder s = new StringBuilder(size / 2);
    for (int i = at; i + 1 < at + size; i += 2) {
      char c = (char) ((b[i] & 0xFF) | ((b[i + 1] & 0xFF) << 8));
      if (c == 0) {
        break;
      }
      s.append(c);
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          throw RdpReader.INVALID;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        throw RdpReader.INVALID;
      }
    }
    return s.toString();
  }

  /**
   * A fixed-size field of {@code size} bytes at {@code in}'s position (moving past it) holding
   * UTF-8 text up to its first zero byte; {@link RdpReader#INVALID} when that is no valid UTF-8.
   */
  static String utf8UpToZero(RdpReader in, int size) {
    int at = in.take(size);
    int end = at;
    byte[] b = in.bytes();
    while (end < at + size && b[end] != 0) {
      end++;
    }
    return utf8(b, at, end - at);
  }

  /** {@code len} bytes at {@code b[off]} as UTF-8; {@link RdpReader#INVALID} when not valid. */
  static String utf8(byte[] b, int off, int len) {
    try {
      CharBuffer c =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(b, off, len));
      return c.toString();
    } catch (CharacterCodingException e) {
      throw RdpReader.INVALID;
    }
  }
}
