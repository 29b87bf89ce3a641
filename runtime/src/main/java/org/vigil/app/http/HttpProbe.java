package org.vigil.app.http;

/**
 * Suricata 7's HTTP protocol detection at the start of one flow's stream (on any port): decides
 * from the client's first bytes (a known method and a space) or the server's (a version) whether
 * the flow is HTTP, holding the client bytes that did not look like a request until the server
 * answers, and hands the flow's data to the parser once it is.
 */
final class HttpProbe {
  /**
   * The request methods Suricata 7's protocol detection knows (each followed by a space or tab).
   */
  private static final String[] METHODS = {
    "GET",
    "PUT",
    "POST",
    "HEAD",
    "TRACE",
    "OPTIONS",
    "CONNECT",
    "DELETE",
    "PATCH",
    "PROPFIND",
    "PROPPATCH",
    "MKCOL",
    "COPY",
    "MOVE",
    "LOCK",
    "UNLOCK",
    "CHECKOUT",
    "UNCHECKOUT",
    "CHECKIN",
    "UPDATE",
    "LABEL",
    "REPORT",
    "MKWORKSPACE",
    "MKACTIVITY",
    "MERGE",
    "INVALID",
    "VERSION-CONTROL",
    "BASELINE-CONTROL"
  };

  /**
   * The versions that make a server's first bytes HTTP (case-insensitive), as Suricata 7's
   * detection.
   */
  private static final String[] VERSIONS = {"HTTP/0.9", "HTTP/1.0", "HTTP/1.1"};

  private static final int PROBE_BYTES = 24;

  /** Most client bytes held while the server's first bytes may still show HTTP. */
  private static final int HELD_MAX = 64 * 1024;

  private final HttpConnectionParser parser;

  /** 0 undecided, 1 HTTP, -1 not HTTP (data is ignored from then on). */
  private int verdict;

  private final byte[] probe = new byte[PROBE_BYTES];
  private int probed;

  /**
   * Client bytes that did not start like an HTTP request, held until the server answers: as
   * Suricata's protocol detection, a server answering with a status line makes the flow HTTP (and
   * the held request is parsed then).
   */
  private java.io.ByteArrayOutputStream held;

  /** The detection of a flow whose data, once HTTP, goes to {@code parser}. */
  HttpProbe(HttpConnectionParser parser) {
    this.parser = parser;
  }

  /** True once the flow was recognised as HTTP. */
  boolean isHttp() {
    return verdict > 0;
  }

  /** Stream data of direction {@code toServer}: probed while undecided, parsed once HTTP. */
  void onData(boolean toServer, byte[] buf, int off, int len) {
    if (verdict == 0) {
      if (!toServer) {
        // a server speaking first, or answering a request not recognised, is not HTTP, unless it
        // answers with a status line
        verdict = startsWithVersion(buf, off, len) ? 1 : -1;
        if (verdict > 0 && held != null) {
          byte[] req = held.toByteArray();
          parser.onData(true, req, 0, req.length);
        }
        held = null;
      } else if (held != null) {
        hold(buf, off, len);
        return;
      } else {
        int n = Math.min(len, PROBE_BYTES - probed);
        System.arraycopy(buf, off, probe, probed, n);
        probed += n;
        int v = classify();
        if (v == 0 && probed >= PROBE_BYTES) {
          v = -1;
        }
        int earlier = probed - n; // bytes of earlier chunks, kept only in the probe
        if (v < 0) {
          held = new java.io.ByteArrayOutputStream();
          held.write(probe, 0, earlier);
          hold(buf, off, len);
          return;
        }
        verdict = v;
        if (verdict > 0 && earlier > 0) {
          parser.onData(true, probe, 0, earlier);
        }
      }
    }
    if (verdict > 0) {
      parser.onData(toServer, buf, off, len);
    }
  }

  /** A gap in the stream: held client bytes can no longer be completed, so the flow is not HTTP. */
  void onGap() {
    if (verdict == 0 && held != null) {
      verdict = -1;
      held = null;
    }
  }

  private void hold(byte[] buf, int off, int len) {
    if (held.size() + len > HELD_MAX) {
      verdict = -1;
      held = null;
      return;
    }
    held.write(buf, off, len);
  }

  /**
   * 1 when the probe starts with an HTTP method and a space, -1 when it cannot, 0 when more bytes
   * are needed.
   */
  private int classify() {
    return request(probe, 0, probed);
  }

  /**
   * Suricata 7's HTTP detection patterns on a direction's first {@code len} bytes at {@code
   * b[off]}: a client's method and a space, a server's version; 1 matched, -1 cannot match, 0 more
   * bytes needed.
   */
  static int patterns(boolean toServer, byte[] b, int off, int len) {
    if (toServer) {
      return request(b, off, len);
    }
    for (String v : VERSIONS) {
      int n = Math.min(len, v.length());
      boolean same = true;
      for (int i = 0; i < n && same; i++) {
        same = Character.toUpperCase(b[off + i] & 0xFF) == v.charAt(i);
      }
      if (same) {
        return n == v.length() ? 1 : 0;
      }
    }
    return -1;
  }

  /** Whether {@code b[from..to)} is one of the methods exactly (libhtp's known methods). */
  static boolean knownMethod(byte[] b, int from, int to) {
    for (String m : METHODS) {
      if (m.length() == to - from) {
        int i = 0;
        while (i < m.length() && b[from + i] == m.charAt(i)) {
          i++;
        }
        if (i == m.length()) {
          return true;
        }
      }
    }
    return false;
  }

  private static int request(byte[] b, int off, int len) {
    for (String m : METHODS) {
      int need = m.length() + 1;
      int n = Math.min(need, len);
      boolean prefix = true;
      for (int i = 0; i < n && prefix; i++) {
        int want = i < m.length() ? m.charAt(i) : ' ';
        int got = b[off + i] & 0xFF;
        prefix = i < m.length() ? Character.toUpperCase(got) == want : (got == ' ' || got == '\t');
      }
      if (prefix) {
        return n == need ? 1 : 0;
      }
    }
    return -1;
  }

  private static boolean startsWithVersion(byte[] b, int off, int len) {
    for (String v : VERSIONS) {
      if (len >= v.length()) {
        boolean same = true;
        for (int i = 0; i < v.length() && same; i++) {
          same = Character.toUpperCase(b[off + i] & 0xFF) == v.charAt(i);
        }
        if (same) {
          return true;
        }
      }
    }
    return false;
  }
}
