package org.vigil.app.http.normalize;

import static org.vigil.app.http.normalize.InvalidEncoding.PRESERVE_PERCENT;
import static org.vigil.app.http.normalize.InvalidEncoding.PROCESS_INVALID;

/**
 * The web server a URI is normalized for, as libhtp's personalities (IDS is Suricata's default).
 *
 * <p>Switches follow libhtp's htp_config_set_server_personality; IIS_5_0 (not implemented by
 * libhtp) follows Snort http_inspect's "iis" profile (double decoding, %u, best-fit, invalid
 * escapes decoded). IIS 5.x also decode overlong UTF-8, the historic IIS behaviour. Every
 * personality still percent-decodes the path and removes dot segments, as libhtp does for all of
 * them.
 */
public enum ServerPersonality {
  /** Does as little as possible: percent-decoding and dot segments only. */
  MINIMAL(opts(false, false, false, false, false, false, PRESERVE_PERCENT, false)),
  /** A generic server: backslashes and encoded separators decoded, slashes compressed. */
  GENERIC(opts(true, true, true, false, false, false, PRESERVE_PERCENT, false)),
  /** libhtp's IDS personality: decodes as much as any server would (Suricata's default). */
  IDS(opts(true, true, true, true, true, true, PRESERVE_PERCENT, false)),
  /** Apache 2.x: %2f kept encoded, no backslash separators, no %u, slashes compressed. */
  APACHE_2(opts(false, false, true, false, false, false, PRESERVE_PERCENT, false)),
  /** IIS 5.0: %u, double decoding, overlong UTF-8 and best fit, case-insensitive. */
  IIS_5_0(opts(true, true, true, true, true, true, PROCESS_INVALID, true)),
  /** IIS 5.1: backslashes, encoded separators, no %u, overlong UTF-8, case-insensitive. */
  IIS_5_1(opts(true, true, true, false, true, true, PRESERVE_PERCENT, false)),
  /** IIS 6.0: backslashes, encoded separators, %u, case-insensitive. */
  IIS_6_0(opts(true, true, true, true, false, true, PRESERVE_PERCENT, false)),
  /** IIS 7.0: as IIS 6.0. */
  IIS_7_0(opts(true, true, true, true, false, true, PRESERVE_PERCENT, false)),
  /** IIS 7.5: as IIS 7.0. */
  IIS_7_5(opts(true, true, true, true, false, true, PRESERVE_PERCENT, false));

  private final NormalizerOptions options;

  ServerPersonality(NormalizerOptions options) {
    this.options = options;
  }

  /** This personality's URI decoding switches. */
  public NormalizerOptions options() {
    return options;
  }

  /** Parses a personality name as Suricata's libhtp configuration spells it (case-insensitive). */
  public static ServerPersonality parse(String name) {
    String n = name.trim().toUpperCase(java.util.Locale.ROOT).replace('.', '_');
    for (ServerPersonality p : values()) {
      if (p.name().equals(n)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "unknown server personality '"
            + name
            + "' (known: "
            + java.util.Arrays.toString(values())
            + ")");
  }

  private static NormalizerOptions opts(
      boolean backslash,
      boolean decodeSep,
      boolean compress,
      boolean u,
      boolean utf8,
      boolean lower,
      InvalidEncoding inv,
      boolean dbl) {
    return new NormalizerOptions(
        backslash, decodeSep, compress, u, utf8, lower, inv, dbl, false, false, false, false);
  }
}
