package org.vigil.app.http;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a response body through its Content-Encoding layers (gzip, deflate, in the reverse of the
 * order they are listed, up to a layer limit), reusing one {@link BodyDecompressor} per layer.
 * Tokens are read as libhtp does: NUL bytes ignored, any non-token character separates, unknown
 * codings (and identity) skipped.
 */
final class ContentDecoder {

  private final BodyDecompressor[] layers;
  private final ByteBuilder[] between;
  private int active;

  ContentDecoder(int maxLayers) {
    layers = new BodyDecompressor[maxLayers];
    between = new ByteBuilder[Math.max(0, maxLayers - 1)];
  }

  /** Parses a Content-Encoding value into the codings to undo, first to undo first. */
  static List<BodyDecompressor.Coding> parse(byte[] value) {
    List<BodyDecompressor.Coding> listed = new ArrayList<>();
    StringBuilder tok = new StringBuilder();
    for (int i = 0; i <= value.length; i++) {
      int c = i < value.length ? value[i] & 0xff : ',';
      if (c == 0) {
        continue;
      }
      boolean token =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_';
      if (token) {
        tok.append((char) (c | 0x20));
      } else if (tok.length() > 0) {
        switch (tok.toString()) {
          case "gzip", "x-gzip" -> listed.add(BodyDecompressor.Coding.GZIP);
          case "deflate", "x-deflate" -> listed.add(BodyDecompressor.Coding.DEFLATE);
          default -> {}
        }
        tok.setLength(0);
      }
    }
    List<BodyDecompressor.Coding> undo = new ArrayList<>(listed.size());
    for (int i = listed.size() - 1; i >= 0; i--) {
      undo.add(listed.get(i));
    }
    return undo;
  }

  /** Starts a body; returns false when there is nothing to decode. Extra layers are ignored. */
  boolean start(List<BodyDecompressor.Coding> codings) {
    active = Math.min(codings.size(), layers.length);
    for (int i = 0; i < active; i++) {
      if (layers[i] == null) {
        layers[i] = new BodyDecompressor();
      }
      layers[i].start(codings.get(i));
      if (i < active - 1 && between[i] == null) {
        between[i] = new ByteBuilder(4096);
      }
    }
    return active > 0;
  }

  /** True if there were more codings than the layer limit allows. */
  static boolean tooMany(List<BodyDecompressor.Coding> codings, int limit) {
    return codings.size() > limit;
  }

  /** Decodes body bytes into {@code out} (kept up to {@code cap}); false on a new failure. */
  boolean feed(byte[] b, int off, int len, ByteBuilder out, int cap) {
    boolean ok = true;
    byte[] in = b;
    int inOff = off;
    int inLen = len;
    for (int i = 0; i < active; i++) {
      boolean last = i == active - 1;
      ByteBuilder target = last ? out : between[i];
      if (!last) {
        target.reset();
      }
      int limit = last ? cap : intermediateCap(cap);
      ok &= layers[i].feed(in, inOff, inLen, target, limit);
      if (!last) {
        in = target.toArray();
        inOff = 0;
        inLen = in.length;
        if (inLen == 0) {
          break;
        }
      }
    }
    return ok;
  }

  private static int intermediateCap(int cap) {
    long c = 4L * cap + 65536;
    return (int) Math.min(Integer.MAX_VALUE - 16, c);
  }

  /** Stops decoding the current body (after a gap). */
  void abandon() {
    for (int i = 0; i < active; i++) {
      layers[i].abandon();
    }
  }

  /** Frees native memory. */
  void end() {
    for (BodyDecompressor d : layers) {
      if (d != null) {
        d.end();
      }
    }
  }
}
