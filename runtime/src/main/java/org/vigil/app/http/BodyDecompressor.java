package org.vigil.app.http;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes a gzip or deflate (zlib-wrapped or raw) response body incrementally into a capped buffer,
 * reusing its Inflaters and scratch buffer across transactions. Data that fails to decode from the
 * start is passed through as it is (as libhtp does); decoding stops once the cap is reached.
 */
final class BodyDecompressor {

  /** The content codings this decoder handles. */
  enum Coding {
    GZIP,
    DEFLATE
  }

  private static final int FTEXT_HCRC = 0x02;
  private static final int FEXTRA = 0x04;
  private static final int FNAME = 0x08;
  private static final int FCOMMENT = 0x10;

  private final byte[] scratch = new byte[8192];
  private final byte[] fixedHeader = new byte[10];
  private Inflater rawInflater;
  private Inflater zlibInflater;
  private Inflater active;
  private Coding coding;
  private boolean passthrough;
  private boolean failed;
  private boolean done;
  private long produced;
  // gzip header state
  private int headerPos;
  private int gzFlags;
  private int extraLen;
  private int extraRead;
  private int stage;
  private byte pendingFirst;
  private boolean havePending;

  /** Starts decoding a new body. */
  void start(Coding c) {
    coding = c;
    passthrough = false;
    failed = false;
    done = false;
    produced = 0;
    headerPos = 0;
    gzFlags = 0;
    extraLen = 0;
    extraRead = 0;
    stage = 0;
    havePending = false;
    active = null;
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
    if (done || failed) {
      return true;
    }
    if (passthrough) {
      out.append(b, off, len, cap);
      return true;
    }
    int end = off + len;
    if (active == null) {
      if (coding == Coding.GZIP) {
        int at = gzipHeader(b, off, end);
        if (at < 0) {
          // not gzip after all: pass the bytes seen so far and the rest through
          int bad = -at - 1;
          if (produced == 0) {
            out.append(fixedHeader, 0, headerPos, cap);
          }
          return fail(b, bad, end - bad, out, cap);
        }
        off = at;
        if (stage < 5) {
          return true;
        }
        active = raw();
      } else {
        if (off >= end) {
          return true;
        }
        int first;
        int second;
        if (havePending) {
          first = pendingFirst & 0xff;
          second = b[off] & 0xff;
        } else if (end - off >= 2) {
          first = b[off] & 0xff;
          second = b[off + 1] & 0xff;
        } else {
          pendingFirst = b[off];
          havePending = true;
          return true;
        }
        boolean zlib =
            (first & 0x0f) == 8 && (first >> 4) <= 7 && ((first << 8) | second) % 31 == 0;
        active = zlib ? zlib() : raw();
        if (havePending) {
          havePending = false;
          byte[] one = {pendingFirst};
          if (!inflate(one, 0, 1, out, cap)) {
            return fail(b, off, end - off, out, cap);
          }
        }
      }
    }
    if (off < end && !inflate(b, off, end - off, out, cap)) {
      return fail(b, off, end - off, out, cap);
    }
    return true;
  }

  private boolean fail(byte[] b, int off, int len, ByteBuilder out, int cap) {
    if (produced == 0) {
      passthrough = true;
      out.append(b, off, len, cap);
    } else {
      failed = true;
    }
    return false;
  }

  private boolean inflate(byte[] b, int off, int len, ByteBuilder out, int cap) {
    Inflater inf = active;
    if (inf.finished()) {
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
   * Parses the gzip member header; returns the offset after the consumed bytes, or -1 if invalid.
   */
  private int gzipHeader(byte[] b, int off, int end) {
    while (off < end && stage < 5) {
      int c = b[off] & 0xff;
      switch (stage) {
        case 0 -> {
          if ((headerPos == 0 && c != 0x1f)
              || (headerPos == 1 && c != 0x8b)
              || (headerPos == 2 && c != 8)) {
            return -(off + 1);
          }
          fixedHeader[headerPos] = (byte) c;
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
