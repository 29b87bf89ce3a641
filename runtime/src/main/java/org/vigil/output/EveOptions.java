package org.vigil.output;

import java.util.Locale;
import java.util.Map;

/**
 * What the EVE record types' own options ask for, read as Suricata reads them: the {@code alert}
 * options ({@code payload}, {@code payload-printable}, {@code packet}, {@code http-body}, {@code
 * http-body-printable}, {@code payload-buffer-size}, default all off and 4 KiB) and the {@code
 * anomaly} types ({@code types: {decode, stream, applayer}}, default app-layer events only) and the
 * {@code drop} option {@code alerts} (default off).
 *
 * @param payload {@code payload}: the alert's payload in base64
 * @param payloadPrintable {@code payload-printable}: the payload as lossy text
 * @param packet {@code packet}: the whole frame in base64, with its link type
 * @param httpBody {@code http-body}: the HTTP bodies kept for inspection, in base64
 * @param httpBodyPrintable {@code http-body-printable}: those bodies as lossy text
 * @param payloadBufferSize {@code payload-buffer-size}: the most bytes of stream data logged
 * @param anomalyDecode anomaly records of decoder events
 * @param anomalyStream anomaly records of stream events
 * @param anomalyApplayer anomaly records of app-layer events
 * @param dropAlerts {@code drop.alerts}: a drop record carries the alert that dropped the packet
 */
public record EveOptions(
    boolean payload,
    boolean payloadPrintable,
    boolean packet,
    boolean httpBody,
    boolean httpBodyPrintable,
    int payloadBufferSize,
    boolean anomalyDecode,
    boolean anomalyStream,
    boolean anomalyApplayer,
    boolean dropAlerts) {

  /** Suricata's defaults. */
  public static final EveOptions DEFAULTS =
      new EveOptions(false, false, false, false, false, 4096, false, false, true, false);

  /** True when an alert needs its payload, frame or bodies copied. */
  public boolean wantsAlertBytes() {
    return payload || payloadPrintable || packet || httpBody || httpBodyPrintable;
  }

  /**
   * These options with the alert bytes {@code o} asks for too (each alert option on when either has
   * it, the larger payload buffer); the other options are these.
   */
  public EveOptions withAlertBytesOf(EveOptions o) {
    return new EveOptions(
        payload || o.payload,
        payloadPrintable || o.payloadPrintable,
        packet || o.packet,
        httpBody || o.httpBody,
        httpBodyPrintable || o.httpBodyPrintable,
        Math.max(payloadBufferSize, o.payloadBufferSize),
        anomalyDecode,
        anomalyStream,
        anomalyApplayer,
        dropAlerts);
  }

  /**
   * The options of {@code types} ({@code key} names the {@code types} setting, for messages).
   *
   * @throws OutputConfigException on a value that is not a yes/no or a size
   */
  public static EveOptions of(EveTypes types, String key) {
    Map<String, Object> alert = types.options("alert");
    Map<String, Object> anomaly = types.options("anomaly");
    Object anomalyTypes = anomaly.get("types");
    Map<?, ?> at = anomalyTypes instanceof Map<?, ?> m ? m : Map.of();
    String a = key + ".alert.";
    String n = key + ".anomaly.types.";
    return new EveOptions(
        flag(alert.get("payload"), false, a + "payload"),
        flag(alert.get("payload-printable"), false, a + "payload-printable"),
        flag(alert.get("packet"), false, a + "packet"),
        flag(alert.get("http-body"), false, a + "http-body"),
        flag(alert.get("http-body-printable"), false, a + "http-body-printable"),
        size(alert.get("payload-buffer-size"), 4096, a + "payload-buffer-size"),
        flag(at.get("decode"), false, n + "decode"),
        flag(at.get("stream"), false, n + "stream"),
        flag(at.get("applayer"), true, n + "applayer"),
        flag(types.options("drop").get("alerts"), false, key + ".drop.alerts"));
  }

  /** Whether anomaly records of {@code type} ({@link AnomalyEvent#type()}) are logged. */
  public boolean logsAnomaly(String type) {
    return switch (type) {
      case AnomalyEvent.DECODE -> anomalyDecode;
      case AnomalyEvent.STREAM -> anomalyStream;
      default -> anomalyApplayer;
    };
  }

  private static boolean flag(Object v, boolean dflt, String key) {
    if (v == null || v.toString().isBlank()) {
      return dflt;
    }
    return switch (v.toString().trim().toLowerCase(Locale.ROOT)) {
      case "yes", "true", "on", "1" -> true;
      case "no", "false", "off", "0" -> false;
      default -> throw new OutputConfigException(key, "expected yes or no, got '" + v + "'");
    };
  }

  private static int size(Object v, int dflt, String key) {
    if (v == null || v.toString().isBlank()) {
      return dflt;
    }
    String s = v.toString().trim().toLowerCase(Locale.ROOT);
    long mult = 1;
    if (s.endsWith("kb") || s.endsWith("mb")) {
      mult = s.endsWith("kb") ? 1024 : 1024 * 1024;
      s = s.substring(0, s.length() - 2).trim();
    }
    try {
      long n = Long.parseLong(s) * mult;
      if (n <= 0 || n > Integer.MAX_VALUE) {
        throw new NumberFormatException();
      }
      return (int) n;
    } catch (NumberFormatException e) {
      throw new OutputConfigException(key, "expected a size such as 4kb, got '" + v + "'");
    }
  }
}
