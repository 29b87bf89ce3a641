package org.vigil.compiler.front;

import java.util.Locale;
import java.util.Map;
import org.vigil.compiler.ir.Buffer;
import org.vigil.compiler.ir.StickyBuffer;
import org.vigil.compiler.ir.TlsVersion;

/**
 * The Suricata dialect's DNS, TLS and SSH keywords beside the dotted sticky buffers {@link Buffer}
 * registers itself: the older underscore names of those buffers ({@code dns_query}, {@code
 * tls_sni}, {@code ja3_hash}, ...) and {@code tls.version}.
 */
final class AppStickyBuffers {
  private AppStickyBuffers() {}

  /** Suricata's older names of the DNS/TLS/SSH sticky buffers. */
  private static final Map<String, Buffer> ALIASES =
      Map.ofEntries(
          Map.entry("dns_query", Buffer.DNS_QUERY),
          Map.entry("tls_sni", Buffer.TLS_SNI),
          Map.entry("tls_cert_subject", Buffer.TLS_CERT_SUBJECT),
          Map.entry("tls_cert_issuer", Buffer.TLS_CERT_ISSUER),
          Map.entry("tls_cert_serial", Buffer.TLS_CERT_SERIAL),
          Map.entry("tls_cert_fingerprint", Buffer.TLS_CERT_FINGERPRINT),
          Map.entry("ja3_hash", Buffer.JA3_HASH),
          Map.entry("ja3_string", Buffer.JA3_STRING),
          Map.entry("ja3s_hash", Buffer.JA3S_HASH),
          Map.entry("ja3s_string", Buffer.JA3S_STRING),
          Map.entry("ssh_proto", Buffer.SSH_PROTO),
          Map.entry("ssh_software", Buffer.SSH_SOFTWARE));

  static void register(Map<String, KeywordParser> m) {
    ALIASES.forEach((name, b) -> m.put(name, (a, r) -> sticky(a, r, b)));
    m.put("tls.version", AppStickyBuffers::tlsVersion);
  }

  private static void sticky(OptionArgs a, RuleBuilder r, Buffer b) {
    a.requireEmpty();
    r.selectSticky(b, a.keywordPos());
    r.add(new StickyBuffer(a.keywordPos(), b));
  }

  private static void tlsVersion(OptionArgs a, RuleBuilder r) {
    a.requireValue();
    String v = a.text().trim();
    if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
      v = v.substring(1, v.length() - 1).trim();
    }
    v = v.toLowerCase(Locale.ROOT);
    int version;
    boolean raw = false;
    switch (v) {
      case "1.0" -> version = 0x0301;
      case "1.1" -> version = 0x0302;
      case "1.2" -> version = 0x0303;
      case "1.3" -> version = 0x0304;
      default -> {
        if (!v.matches("0x[0-9a-f]{4}")) {
          throw a.error("unknown version '" + v + "' (1.0, 1.1, 1.2, 1.3 or 0xHHHH)");
        }
        version = Integer.parseInt(v.substring(2), 16);
        raw = true;
      }
    }
    r.add(new TlsVersion(a.keywordPos(), version, raw));
  }
}
