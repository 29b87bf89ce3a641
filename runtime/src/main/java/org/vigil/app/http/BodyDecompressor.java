package org.vigil.app.http;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes a gzip or deflate response body incrementally into a capped buffer, reusing its Inflaters
 * and scratch buffer across transactions, deciding as libhtp 0.5 does: a body labelled gzip is read
 * as a gzip or zlib stream (told apart by its first two bytes), one labelled deflate as raw
 * deflate. When the stream fails before producing anything, the data chunk that failed is tried
 * again up to three times: the same format once more (after a gzip header's name, comment or header
 * CRC when it has one), then the other format, then the first one again; when all fail the chunk
 * and the rest of the body pass through as they are. A failure after output ends the stream (what
 * was decoded is kept, later data is ignored); so does the end of the first stream.
 */
final class BodyDecompressor {

  /** The content codings this decoder handles. */
  enum Coding {
    GZIP,
    DEFLATE
  }

  /** How the current attempt reads the stream: gzip or zlib (as the first bytes say), or raw. */
  private enum Format {
    AUTO,
    RAW
  }

  private static final int FTEXT_HCRC = 0x02;
  private static final int FEXTRA = 0x04;
  private static final int FNAME = 0x08;
  private static final int FCOMMENT = 0x10;
  private static final int MAX_RESTARTS = 3;

  private final byte[] scratch = new byte[8192];
  private Inflater rawInflater;
  private Inflater zlibInflater;
  private Inflater active;
  private Format format;
  private int restarts;
  private boolean passthrough;
  private boolean failed;
  private boolean done;
  private long produced;
  // AUTO: the first two bytes decide gzip or zlib
  private final byte[] magic = new byte[2];
  private int magicLen;
  private boolean gzip;
  // gzip header state
  private int headerPos;
  private int gzFlags;
  private int extraLen;
  private int extraRead;
  private int stage;

  /** Starts decoding a new body. */
  void start(Coding c) {
    passthrough = false;
    failed = false;
    done = false;
    produced = 0;
    restarts = 0;
    begin(c == Coding.GZIP ? Format.AUTO : Format.RAW);
  }

  private void begin(Format f) {
    format = f;
    active = null;
    magicLen = 0;
    gzip = false;
    headerPos = 0;
    gzFlags = 0;
    extraLen = 0;
    extraRead = 0;
    stage = 0;
    if (f == Format.RAW) {
      active = raw();
    }
  }

  /** True once decoding failed after producing output (the rest of the body is dropped). */
  boolean failed() {
    return failed;
  }

  /** Stops decoding the current body (after a gap: the stream cannot be resumed). */
  void abandon() {
    done = true;
  }

  /**
   * Decodes {@code b[off, off+len)} into {@code out} (kept up to {@code cap}); false on a new
   * failure.
   */
  boolean feed(byte[] b, int off, int len, ByteBuilder out, int cap) {
    if (done || failed || len == 0) {
      return true;
    }
    if (passthrough) {
      out.append(b, off, len, cap);
      return true;
    }
    int skip = 0;
    while (true) {
      if (decode(b, off + skip, len - skip, out, cap)) {
        return true;
      }
      if (produced > 0) {
        failed = true;
        return false;
      }
      if (restarts >= MAX_RESTARTS) {
        passthrough = true;
        out.append(b, off, len, cap);
        return false;
      }
      skip = probe(b, off, len);
      Format next = restarts == 0 ? format : (format == Format.RAW ? Format.AUTO : Format.RAW);
      restarts++;
      begin(next);
    }
  }

  /**
   * How many bytes of a gzip header a restart skips: up to the NUL after the name or comment, the
   * fixed header and its CRC, or the fixed header (only when the chunk starts with a gzip header
   * with flags).
   */
  private static int probe(byte[] b, int off, int len) {
    if (len < 4 || (b[off] & 0xff) != 0x1f || (b[off + 1] & 0xff) != 0x8b || b[off + 3] == 0) {
      return 0;
    }
    int flags = b[off + 3] & 0xff;
    int skip;
    if ((flags & (FNAME | FCOMMENT)) != 0) {
      int i = 10;
      while (i < len && b[off + i] != 0) {
        i++;
      }
      skip = i + 1;
    } else if ((flags & FTEXT_HCRC) != 0) {
      skip = 12;
    } else {
      skip = 10;
    }
    return skip > len ? 0 : skip;
  }

  /** Feeds the current attempt; false when the stream is invalid. */
  private boolean decode(byte[] b, int off, int len, ByteBuilder out, int cap) {
    int end = off + len;
    if (active == null) {
      // AUTO before its format is known: two bytes tell gzip from zlib
      while (magicLen < 2 && off < end) {
        magic[magicLen++] = b[off++];
      }
      if (magicLen < 2) {
        return true;
      }
      if (!gzip && stage == 0 && headerPos == 0) {
        gzip = (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b;
        if (!gzip) {
          active = zlib();
          return inflate(magic, 0, 2, out, cap)
              && (off >= end || inflate(b, off, end - off, out, cap));
        }
        headerPos = 2;
      }
      int at = gzipHeader(b, off, end);
      if (at < 0) {
        return false;
      }
      if (stage < 5) {
        return true;
      }
      active = raw();
      off = at;
    }
    return off >= end || inflate(b, off, end - off, out, cap);
  }

  private boolean inflate(byte[] b, int off, int len, ByteBuilder out, int cap) {
    Inflater inf = active;
    if (inf.finished()) {
      done = true;
      return true;
    }
    inf.setInput(b, off, len);
    try {
      for (int guard = 0; guard < 1_000_000; guard++) {
        if (inf.finished() || inf.needsInput()) {
          break;
        }
        int n = inf.inflate(scratch);
        if (n == 0) {
          if (inf.needsDictionary()) {
            return false;
          }
          if (inf.needsInput() || inf.finished()) {
            break;
          }
          continue;
        }
        produced += n;
        int kept = out.append(scratch, 0, n, cap);
        if (kept < n || out.length() >= cap) {
          done = true;
          break;
        }
      }
    } catch (DataFormatException e) {
      return false;
    } finally {
      inf.setInput(scratch, 0, 0); // drop the reference to the caller's buffer
    }
    if (inf.finished()) {
      done = true;
    }
    return true;
  }

  /**
   * Parses the rest of a gzip member header (its magic already read); returns the offset after the
   * consumed bytes, or -1 if invalid (method not deflate, reserved flags).
   */
  private int gzipHeader(byte[] b, int off, int end) {
    while (off < end && stage < 5) {
      int c = b[off] & 0xff;
      switch (stage) {
        case 0 -> {
          if ((headerPos == 2 && c != 8) || (headerPos == 3 && (c & 0xe0) != 0)) {
            return -1;
          }
          if (headerPos == 3) {
            gzFlags = c;
          }
          off++;
          if (++headerPos == 10) {
            stage = 1;
          }
        }
        case 1 -> {
          if ((gzFlags & FEXTRA) == 0) {
            stage = 2;
          } else if (extraRead < 2) {
            extraLen |= c << (8 * extraRead);
            extraRead++;
            off++;
          } else if (extraLen > 0) {
            int k = Math.min(extraLen, end - off);
            extraLen -= k;
            off += k;
          } else {
            stage = 2;
          }
        }
        case 2 -> {
          if ((gzFlags & FNAME) == 0) {
            stage = 3;
          } else {
            off++;
            if (c == 0) {
              stage = 3;
            }
          }
        }
        case 3 -> {
          if ((gzFlags & FCOMMENT) == 0) {
            stage = 4;
            headerPos = 0;
          } else {
            off++;
            if (c == 0) {
              stage = 4;
              headerPos = 0;
            }
          }
        }
        case 4 -> {
          if ((gzFlags & FTEXT_HCRC) == 0 || headerPos == 2) {
            stage = 5;
          } else {
            headerPos++;
            off++;
          }
        }
        default -> throw new IllegalStateException();
      }
    }
    if (stage == 1 && (gzFlags & FEXTRA) != 0 && extraRead == 2 && extraLen == 0) {
      stage = 2;
    }
    if (stage == 2 && (gzFlags & FNAME) == 0) {
      stage = 3;
    }
    if (stage == 3 && (gzFlags & FCOMMENT) == 0) {
      stage = 4;
      headerPos = 0;
    }
    if (stage == 4 && ((gzFlags & FTEXT_HCRC) == 0 || headerPos == 2)) {
      stage = 5;
    }
    return off;
  }

  private Inflater raw() {
    if (rawInflater == null) {
      rawInflater = new Inflater(true);
    } else {
      rawInflater.reset();
    }
    return rawInflater;
  }

  private Inflater zlib() {
    if (zlibInflater == null) {
      zlibInflater = new Inflater(false);
    } else {
      zlibInflater.reset();
    }
    return zlibInflater;
  }

  /** Frees the native memory of the Inflaters. */
  void end() {
    if (rawInflater != null) {
      rawInflater.end();
      rawInflater = null;
    }
    if (zlibInflater != null) {
      zlibInflater.end();
      zlibInflater = null;
    }
    active = null;
  }
}
