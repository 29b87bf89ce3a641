package org.vigil.detect.api;

/**
 * Ids of the app-layer protocols a rule can require ({@code alert http}, {@code
 * app-layer-protocol:tls}), the values of {@link InspectionContext#appProto}.
 */
public final class AppProtos {
  private AppProtos() {}

  /** No protocol detected (yet) on the flow, or no flow. */
  public static final int UNKNOWN = 0;

  public static final int HTTP = 1;
  public static final int FTP = 2;
  public static final int TLS = 3;
  public static final int SSH = 4;
  public static final int SMB = 5;
  public static final int DNS = 6;
  public static final int SMTP = 7;
  public static final int DCERPC = 8;
  public static final int FTP_DATA = 9;

  private static final String[] NAMES = {
    "unknown", "http", "ftp", "tls", "ssh", "smb", "dns", "smtp", "dcerpc", "ftp-data"
  };

  /** The id of the protocol named {@code name} (as EVE's app_proto), or -1 when none has it. */
  public static int id(String name) {
    for (int i = 1; i < NAMES.length; i++) {
      if (NAMES[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** The id of the protocol named {@code name}, or {@link #UNKNOWN} when none has it or null. */
  public static int idOrUnknown(String name) {
    return name == null ? UNKNOWN : Math.max(UNKNOWN, id(name));
  }

  /** The name of protocol {@code id}. */
  public static String name(int id) {
    return id >= 0 && id < NAMES.length ? NAMES[id] : "proto#" + id;
  }
}
