package org.vigil.detect.api;

/**
 * Ids of the inspection buffers a rule can read; indexes into {@link InspectionContext}'s buffer
 * slots.
 */
public final class Buffers {
  private Buffers() {}

  /** Packet payload (pkt_data) or, in a stream inspection, the raw reassembled stream chunk. */
  public static final int PAYLOAD = 0;

  public static final int HTTP_URI = 1;
  public static final int HTTP_RAW_URI = 2;
  public static final int HTTP_METHOD = 3;
  public static final int HTTP_HEADER = 4;
  public static final int HTTP_RAW_HEADER = 5;
  public static final int HTTP_COOKIE = 6;
  public static final int HTTP_RAW_COOKIE = 7;
  public static final int HTTP_CLIENT_BODY = 8;
  public static final int HTTP_STAT_CODE = 9;
  public static final int HTTP_STAT_MSG = 10;

  /** file_data: the HTTP response body (dechunked, decompressed) or an SMTP/file body. */
  public static final int FILE_DATA = 11;

  /**
   * base64_data: filled by the rule's own base64_decode from the current buffer, never by the
   * runtime.
   */
  public static final int BASE64_DATA = 12;

  /** Number of buffer slots. */
  public static final int COUNT = 13;

  private static final String[] NAMES = {
    "pkt_data",
    "http_uri",
    "http_raw_uri",
    "http_method",
    "http_header",
    "http_raw_header",
    "http_cookie",
    "http_raw_cookie",
    "http_client_body",
    "http_stat_code",
    "http_stat_msg",
    "file_data",
    "base64_data"
  };

  /** The Snort keyword naming buffer {@code id}. */
  public static String name(int id) {
    return id >= 0 && id < COUNT ? NAMES[id] : "buffer#" + id;
  }
}
