package org.vigil.app.http.normalize;

import java.util.Set;

/**
 * Removes "." and ".." path segments (RFC 3986 section 5.2.4), the step Snort calls "directory"
 * normalization: {@code /foo/fake_dir/../bar} and {@code /foo/./bar} both become {@code /foo/bar}.
 */
public final class DotSegments {

  private DotSegments() {}

  /** Returns the path without dot segments (a new array, or {@code in} if there were none). */
  public static byte[] remove(byte[] in, Set<UriFlag> flags) {
    if (!hasDot(in)) {
      return in;
    }
    byte[] out = new byte[in.length];
    int n = 0;
    int i = 0;
    int len = in.length;
    while (i < len) {
      if (startsWith(in, i, "../")) {
        i += 3;
        flags.add(UriFlag.DOT_SEGMENT);
      } else if (startsWith(in, i, "./")) {
        i += 2;
        flags.add(UriFlag.DOT_SEGMENT);
      } else if (startsWith(in, i, "/./")) {
        i += 2;
        flags.add(UriFlag.DOT_SEGMENT);
      } else if (i + 2 == len && startsWith(in, i, "/.")) {
        in = replaceTail(in, i, 2);
        len = in.length;
        flags.add(UriFlag.DOT_SEGMENT);
      } else if (startsWith(in, i, "/../")) {
        i += 3;
        n = dropLastSegment(out, n, flags);
        flags.add(UriFlag.DOT_SEGMENT);
      } else if (i + 3 == len && startsWith(in, i, "/..")) {
        in = replaceTail(in, i, 3);
        len = in.length;
        n = dropLastSegment(out, n, flags);
        flags.add(UriFlag.DOT_SEGMENT);
      } else if ((i + 1 == len && in[i] == '.') || (i + 2 == len && startsWith(in, i, ".."))) {
        flags.add(UriFlag.DOT_SEGMENT);
        break;
      } else {
        // move the first segment (with its leading '/', if any) to the output
        do {
          out[n++] = in[i++];
        } while (i < len && in[i] != '/');
      }
    }
    return PathDecoder.trim(out, n);
  }

  private static int dropLastSegment(byte[] out, int n, Set<UriFlag> flags) {
    if (n == 0) {
      flags.add(UriFlag.ABOVE_ROOT);
      return 0;
    }
    int k = n - 1;
    while (k >= 0 && out[k] != '/') {
      k--;
    }
    return Math.max(k, 0);
  }

  /** Replaces {@code in[i, i+cut)} at the end of the input by a single '/'. */
  private static byte[] replaceTail(byte[] in, int i, int cut) {
    byte[] r = new byte[i + 1 + (in.length - i - cut)];
    System.arraycopy(in, 0, r, 0, i);
    r[i] = '/';
    return r;
  }

  private static boolean startsWith(byte[] a, int at, String s) {
    if (at + s.length() > a.length) {
      return false;
    }
    for (int k = 0; k < s.length(); k++) {
      if (a[at + k] != s.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  private static boolean hasDot(byte[] a) {
    for (byte b : a) {
      if (b == '.') {
        return true;
      }
    }
    return false;
  }
}
