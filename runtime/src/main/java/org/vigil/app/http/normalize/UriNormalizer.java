package org.vigil.app.http.normalize;

import java.util.Set;

/**
 * Turns a raw request-target into the normalized URI that {@code http_uri} (and {@code uricontent})
 * match: path decoded for the server personality, query and fragment appended as sent (unless the
 * options decode the query), scheme and authority of an absolute URI dropped, as Suricata does.
 */
public final class UriNormalizer {

  private UriNormalizer() {}

  /** The parts of a request-target, as offsets into it (-1 when a part is absent). */
  public record Parts(
      int pathStart,
      int pathEnd,
      int queryStart,
      int queryEnd,
      int fragStart,
      int hostStart,
      int hostEnd) {}

  /** Splits a request-target into authority, path, query and fragment. */
  public static Parts split(byte[] uri) {
    int len = uri.length;
    int pos = 0;
    int hostStart = -1;
    int hostEnd = -1;
    if (len > 0 && uri[0] != '/') {
      int colon = schemeEnd(uri);
      if (colon > 0
          && colon + 2 < len + 0
          && uri[colon + 1] == '/'
          && colon + 2 < len
          && uri[colon + 2] == '/') {
        int a = colon + 3;
        int e = a;
        while (e < len && uri[e] != '/' && uri[e] != '?' && uri[e] != '#') {
          e++;
        }
        int at = -1;
        for (int k = a; k < e; k++) {
          if (uri[k] == '@') {
            at = k;
          }
        }
        hostStart = at >= 0 ? at + 1 : a;
        hostEnd = e;
        pos = e;
      }
    }
    int q = -1;
    int f = -1;
    for (int k = pos; k < len; k++) {
      if (uri[k] == '?' && q < 0 && f < 0) {
        q = k;
      } else if (uri[k] == '#' && f < 0) {
        f = k;
        break;
      }
    }
    int pathEnd = q >= 0 ? q : (f >= 0 ? f : len);
    int queryEnd = q >= 0 ? (f >= 0 ? f : len) : -1;
    return new Parts(
        pos, pathEnd, q >= 0 ? q + 1 : -1, queryEnd, f >= 0 ? f + 1 : -1, hostStart, hostEnd);
  }

  private static int schemeEnd(byte[] uri) {
    for (int k = 0; k < uri.length; k++) {
      byte b = uri[k];
      if (b == ':') {
        return k;
      }
      boolean ok =
          (b >= 'a' && b <= 'z')
              || (b >= 'A' && b <= 'Z')
              || (b >= '0' && b <= '9')
              || b == '+'
              || b == '-'
              || b == '.';
      if (!ok) {
        return -1;
      }
    }
    return -1;
  }

  /** Decodes just a path with the given options (percent, %u, double, UTF-8, dot segments). */
  public static byte[] normalizePath(byte[] path, NormalizerOptions o, Set<UriFlag> flags) {
    byte[] p = PathDecoder.decode(path, 0, path.length, o, flags);
    if (o.doubleDecode() && hasEscape(p)) {
      flags.add(UriFlag.DOUBLE_ENCODED);
      p = PathDecoder.decode(p, 0, p.length, o, flags);
    }
    if (o.utf8BestFit()) {
      p = Utf8Decoder.decode(p, flags);
    }
    return DotSegments.remove(p, flags);
  }

  /**
   * The normalized URI of a raw request-target, or {@code null} when it has no path (for example an
   * authority-form CONNECT target), in which case there is no http_uri buffer.
   */
  public static byte[] normalize(byte[] uri, NormalizerOptions o, Set<UriFlag> flags) {
    if (uri == null || uri.length == 0) {
      return null;
    }
    Parts p = split(uri);
    byte[] path = new byte[p.pathEnd() - p.pathStart()];
    System.arraycopy(uri, p.pathStart(), path, 0, path.length);
    byte[] np = normalizePath(path, o, flags);
    byte[] query = null;
    if (p.queryStart() >= 0) {
      query = slice(uri, p.queryStart(), p.queryEnd());
      if (o.decodeQuery()) {
        query = decodeQuery(query, o, flags);
      }
    }
    byte[] frag = p.fragStart() >= 0 ? slice(uri, p.fragStart(), uri.length) : null;
    if (np.length == 0 && query == null && frag == null) {
      return p.hostStart() >= 0 ? new byte[] {'/'} : np;
    }
    int n =
        np.length + (query != null ? query.length + 1 : 0) + (frag != null ? frag.length + 1 : 0);
    byte[] out = new byte[n];
    System.arraycopy(np, 0, out, 0, np.length);
    int k = np.length;
    if (query != null) {
      out[k++] = '?';
      System.arraycopy(query, 0, out, k, query.length);
      k += query.length;
    }
    if (frag != null) {
      out[k++] = '#';
      System.arraycopy(frag, 0, out, k, frag.length);
    }
    return out;
  }

  private static byte[] decodeQuery(byte[] q, NormalizerOptions o, Set<UriFlag> flags) {
    NormalizerOptions qo =
        new NormalizerOptions(
            false,
            true,
            false,
            o.uDecode(),
            false,
            false,
            o.invalidEncoding(),
            false,
            false,
            false,
            true,
            o.queryPlusSpace());
    byte[] in = q;
    if (o.queryPlusSpace()) {
      in = q.clone();
      for (int i = 0; i < in.length; i++) {
        if (in[i] == '+') {
          in[i] = ' ';
        }
      }
    }
    return PathDecoder.decode(in, 0, in.length, qo, flags);
  }

  private static boolean hasEscape(byte[] p) {
    for (int i = 0; i + 2 < p.length; i++) {
      if (p[i] == '%'
          && ((PathDecoder.isHex(p[i + 1]) && PathDecoder.isHex(p[i + 2]))
              || p[i + 1] == 'u'
              || p[i + 1] == 'U')) {
        return true;
      }
    }
    return false;
  }

  private static byte[] slice(byte[] a, int from, int to) {
    byte[] r = new byte[to - from];
    System.arraycopy(a, from, r, 0, r.length);
    return r;
  }
}
