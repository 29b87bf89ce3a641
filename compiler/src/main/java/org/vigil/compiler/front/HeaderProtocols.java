package org.vigil.compiler.front;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.vigil.compiler.ir.AppLayerProtocol;
import org.vigil.compiler.ir.Flow;
import org.vigil.compiler.ir.Protocol;
import org.vigil.compiler.ir.RuleOption;
import org.vigil.compiler.ir.SourcePos;

/**
 * The protocol word of a rule header in both dialects: Snort's {@code ip}, {@code tcp}, {@code
 * udp}, {@code icmp}; Suricata's app-layer names ({@code alert http} is {@code alert tcp} with
 * {@code app-layer-protocol:http}: the rule matches on flows of that protocol on any port the
 * header allows) and {@code tcp-pkt} / {@code tcp-stream} ({@code alert tcp} inspecting only
 * packets / only the reassembled stream, as {@code flow:no_stream} / {@code flow:only_stream}).
 */
final class HeaderProtocols {
  private HeaderProtocols() {}

  /** A header protocol: the IR protocol and what it adds to the rule's options (null: nothing). */
  record Resolved(Protocol protocol, String app, Flow.StreamMode stream) {}

  /** The app-layer protocols Vigil's runtime detects (the app layers it has). */
  private static final Set<String> DETECTED =
      Set.of("http", "ftp", "tls", "ssh", "smb", "dns", "smtp", "dcerpc", "ftp-data");

  /** Suricata 7's other app-layer protocol names: known, but rules on them are not built yet. */
  private static final Set<String> NOT_YET =
      Set.of(
          "http2",
          "imap",
          "nfs",
          "ntp",
          "tftp",
          "krb5",
          "dhcp",
          "snmp",
          "sip",
          "rfb",
          "mqtt",
          "pgsql",
          "telnet",
          "rdp",
          "ike",
          "ikev2",
          "quic",
          "modbus",
          "dnp3",
          "enip",
          "bittorrent-dht",
          "template",
          "pop3",
          "ldap");

  static Resolved resolve(String word, SourcePos pos) {
    String w = word.toLowerCase(Locale.ROOT);
    return switch (w) {
      case "ip" -> new Resolved(Protocol.IP, null, null);
      case "tcp" -> new Resolved(Protocol.TCP, null, null);
      case "udp" -> new Resolved(Protocol.UDP, null, null);
      case "icmp" -> new Resolved(Protocol.ICMP, null, null);
      case "tcp-pkt" -> new Resolved(Protocol.TCP, null, Flow.StreamMode.NO_STREAM);
      case "tcp-stream" -> new Resolved(Protocol.TCP, null, Flow.StreamMode.ONLY_STREAM);
      // DNS rules run on DNS over UDP, where the corpus and nearly all DNS traffic is
      case "dns" -> new Resolved(Protocol.UDP, "dns", null);
      case "http1" -> new Resolved(Protocol.TCP, "http", null);
      // DCE/RPC runs over TCP and UDP, both detected as dcerpc
      case "dcerpc" -> new Resolved(Protocol.IP, "dcerpc", null);
      default -> {
        if (DETECTED.contains(w)) {
          yield new Resolved(Protocol.TCP, w, null);
        }
        throw new RuleException(
            pos,
            NOT_YET.contains(w) ? "protocol " + w + " not supported yet" : "unsupported protocol",
            NOT_YET.contains(w)
                ? "protocol '"
                    + word
                    + "' is not supported yet (no "
                    + w
                    + " app layer in Vigil): rule skipped"
                : "unknown or unsupported protocol '"
                    + word
                    + "' (ip, tcp, udp, icmp, tcp-pkt, tcp-stream, http, http1, ftp, ftp-data, tls, ssh, smb, dns,"
                    + " smtp)");
      }
    };
  }

  /** The app-layer protocol named in {@code app-layer-protocol:name}, checked like the header's. */
  static String appName(String name, OptionArgs a) {
    String n = name.equals("http1") ? "http" : name;
    if (DETECTED.contains(n)) {
      return n;
    }
    if (NOT_YET.contains(n)) {
      throw new RuleException(
          a.keywordPos(),
          "protocol " + n + " not supported yet",
          "app-layer-protocol '"
              + name
              + "' is not supported yet (no "
              + n
              + " app layer in Vigil)");
    }
    throw a.error(
        "unknown app-layer protocol '"
            + name
            + "' (http, ftp, ftp-data, tls, ssh, smb, dns, smtp, dcerpc)");
  }

  /**
   * The options of a rule whose header names {@code r}: the app-layer protocol first, and for
   * tcp-pkt/tcp-stream the stream mode folded into the rule's flow option (or a new one).
   */
  static List<RuleOption> apply(Resolved r, SourcePos pos, List<RuleOption> options) {
    if (r.app() == null && r.stream() == null) {
      return options;
    }
    List<RuleOption> out = new ArrayList<>(options.size() + 1);
    if (r.app() != null) {
      out.add(new AppLayerProtocol(pos, r.app(), false));
    }
    boolean folded = false;
    for (RuleOption o : options) {
      if (r.stream() != null && !folded && o instanceof Flow f) {
        if (f.stream() != null && f.stream() != r.stream()) {
          throw new RuleException(
              f.pos(),
              "flow conflicts with the header",
              "flow:" + f.stream().name().toLowerCase(Locale.ROOT) + " conflicts with the header");
        }
        o = new Flow(f.pos(), f.direction(), f.state(), r.stream(), f.frag());
        folded = true;
      }
      out.add(o);
    }
    if (r.stream() != null && !folded) {
      out.add(new Flow(pos, null, null, r.stream(), null));
    }
    return out;
  }
}
