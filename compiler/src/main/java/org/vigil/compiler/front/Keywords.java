package org.vigil.compiler.front;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The table of rule keywords the front end understands, and the known ones it rejects with a
 * reason.
 */
public final class Keywords {
  private final Map<String, KeywordParser> parsers = new HashMap<>();

  /**
   * Snort 2.x keywords Vigil knows but does not enforce; a rule using one is rejected, never loaded
   * without it.
   */
  private static final Map<String, String> UNSUPPORTED =
      Map.ofEntries(
          Map.entry("resp", "active responses (resp) are not supported"),
          Map.entry("react", "active responses (react) are not supported"),
          Map.entry("logto", "logto is not supported; Vigil writes one alert log"),
          Map.entry("session", "session data logging is not supported"),
          Map.entry("activates", "activate/dynamic rules are not supported"),
          Map.entry("activated_by", "activate/dynamic rules are not supported"),
          Map.entry("count", "activate/dynamic rules are not supported"),
          Map.entry("replace", "content replacement (replace) is not supported"),
          Map.entry("http_encode", "http_encode is not supported"),
          Map.entry("cvs", "the cvs keyword is not supported"),
          Map.entry("rpc", "the rpc keyword is not supported"),
          Map.entry("file_type", "file_type is not supported"),
          Map.entry("pkt_num", "pkt_num is not supported"),
          Map.entry("protected_content", "protected_content is not supported"),
          Map.entry("hash", "protected_content hashes are not supported"),
          Map.entry("length", "protected_content lengths are not supported"),
          Map.entry("sd_pattern", "sensitive data patterns (sd_pattern) are not supported"),
          Map.entry("gtp_type", "GTP keywords are not supported"),
          Map.entry("gtp_info", "GTP keywords are not supported"),
          Map.entry("gtp_version", "GTP keywords are not supported"),
          Map.entry("modbus_func", "Modbus keywords are not supported"),
          Map.entry("modbus_unit", "Modbus keywords are not supported"),
          Map.entry("modbus_data", "Modbus keywords are not supported"),
          Map.entry("dnp3_func", "DNP3 keywords are not supported"),
          Map.entry("dnp3_obj", "DNP3 keywords are not supported"),
          Map.entry("dnp3_ind", "DNP3 keywords are not supported"),
          Map.entry("dnp3_data", "DNP3 keywords are not supported"),
          Map.entry("ssl_cert", "ssl_cert is not supported"),
          Map.entry("appid", "appid is not supported"),
          Map.entry(
              "tls.subjectaltname",
              "tls.subjectaltname is not supported yet (the TLS handshake fields are not built yet)"),
          Map.entry("dns.opcode", "dns.opcode is not supported yet (no DNS app layer yet)"),
          Map.entry(
              "dns.answer.name", "dns.answer.name is not supported yet (no DNS app layer yet)"),
          Map.entry(
              "ssh.protoversion",
              "ssh.protoversion is not supported yet (the SSH banner fields are not built yet)"),
          Map.entry(
              "ssh.softwareversion",
              "ssh.softwareversion is not supported yet (the SSH banner fields are not built yet)"),
          Map.entry(
              "ssh.hassh",
              "ssh.hassh is not supported yet (the SSH banner fields are not built yet)"),
          Map.entry(
              "ssh.hassh.server",
              "ssh.hassh.server is not supported yet (the SSH banner fields are not built yet)"),
          Map.entry(
              "smb.named_pipe", "smb.named_pipe is not supported yet (no SMB/Kerberos fields yet)"),
          Map.entry("smb.share", "smb.share is not supported yet (no SMB/Kerberos fields yet)"),
          Map.entry("krb5_cname", "krb5_cname is not supported yet (no SMB/Kerberos fields yet)"),
          Map.entry("krb5_sname", "krb5_sname is not supported yet (no SMB/Kerberos fields yet)"),
          Map.entry(
              "krb5_msg_type", "krb5_msg_type is not supported yet (no SMB/Kerberos fields yet)"),
          Map.entry(
              "krb5_err_code", "krb5_err_code is not supported yet (no SMB/Kerberos fields yet)"),
          Map.entry(
              "strip_pseudo_headers", "the strip_pseudo_headers transform is not supported yet"));

  /** The standard table with every keyword family registered. */
  public Keywords() {
    MetaKeywords.register(parsers);
    ContentKeywords.register(parsers);
    PcreKeyword.register(parsers);
    ByteKeywords.register(parsers);
    BufferKeywords.register(parsers);
    PacketKeywords.register(parsers);
    FlowKeywords.register(parsers);
    PostDetectionKeywords.register(parsers);
    AppLayerKeywords.register(parsers);
    DialectKeywords.register(parsers);
    TransformKeywords.register(parsers);
    AppStickyBuffers.register(parsers);
    StateKeywords.register(parsers);
    RequiresKeyword.register(parsers);
    ByteMathKeyword.register(parsers);
    DatasetKeywords.register(parsers);
  }

  /** The names of the keywords the compiler implements, sorted. */
  public java.util.SortedSet<String> names() {
    return new java.util.TreeSet<>(parsers.keySet());
  }

  /** The keywords Suricata knows that the compiler rejects, each with its reason, sorted. */
  public java.util.SortedMap<String, String> unsupported() {
    return new java.util.TreeMap<>(UNSUPPORTED);
  }

  /** The parser of {@code keyword}, or null. */
  public KeywordParser parser(String keyword) {
    return parsers.get(keyword);
  }

  /** Why a known keyword is rejected, or null if it is not one of those. */
  public String unsupportedReason(String keyword) {
    return UNSUPPORTED.get(keyword);
  }

  /**
   * The known keyword closest to a misspelled one (edit distance 1, or 2 for longer words), or
   * null.
   */
  public String suggestion(String keyword) {
    int limit = keyword.length() <= 5 ? 1 : 2;
    String best = null;
    int bestDist = limit + 1;
    for (String k : parsers.keySet()) {
      int d = distance(keyword, k, bestDist);
      if (d < bestDist || (d == bestDist && best != null && k.compareTo(best) < 0)) {
        bestDist = d;
        best = k;
      }
    }
    return bestDist <= limit ? best : null;
  }

  /** Levenshtein distance, giving up (returning limit+1) beyond {@code limit}. */
  private static int distance(String a, String b, int limit) {
    if (Math.abs(a.length() - b.length()) > limit) {
      return limit + 1;
    }
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      int rowMin = cur[0];
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
        rowMin = Math.min(rowMin, cur[j]);
      }
      if (rowMin > limit) {
        return limit + 1;
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  /** Every keyword with a parser. */
  public Set<String> supported() {
    return Set.copyOf(parsers.keySet());
  }
}
