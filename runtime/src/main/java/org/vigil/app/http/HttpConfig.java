package org.vigil.app.http;

/**
 * Limits and switches of the HTTP parser (Suricata/libhtp defaults from {@link #defaults()}).
 *
 * @param requestBodyLimit bytes of request body kept for http_client_body (Suricata: 100 KB)
 * @param responseBodyLimit bytes of decoded response body kept for file_data (Suricata: 100 KB)
 * @param maxLineLength longest request line, status line or header line kept (libhtp: 18000)
 * @param maxHeaders header lines kept per message (libhtp: 1024)
 * @param maxRawHeaderBytes bytes of raw header block kept for http_raw_header
 * @param decompress gzip and deflate response bodies are decoded for file_data
 * @param uriCaseFolding apply the personality's case folding to http_uri (Suricata never does)
 * @param connectBufferLimit request bytes held while a CONNECT waits for its response
 * @param decompressLayerLimit content codings undone at most (Suricata 7: 2)
 * @param bodyInspection when bodies are inspected before their message completes (Suricata's
 *     request/response-body-minimal-inspect-size and -inspect-window)
 * @param fileHashes the digests computed of each file ({@code md5}, {@code sha1}, {@code sha256}:
 *     EVE's fileinfo {@code force-hash}); empty for none
 */
public record HttpConfig(
    int requestBodyLimit,
    int responseBodyLimit,
    int maxLineLength,
    int maxHeaders,
    int maxRawHeaderBytes,
    boolean decompress,
    boolean uriCaseFolding,
    int connectBufferLimit,
    int decompressLayerLimit,
    BodyInspection bodyInspection,
    java.util.Set<String> fileHashes) {

  /**
   * Suricata's body inspection sizes: a body is inspected before its message completes once this
   * many bytes are buffered ({@code *MinSize}), then with up to a window of bytes before new ones.
   */
  public record BodyInspection(
      int requestMinSize, int requestWindow, int responseMinSize, int responseWindow) {
    /** Suricata 7's suricata.yaml: 32 KiB / 4 KiB for requests, 40 KiB / 16 KiB for responses. */
    public static final BodyInspection DEFAULTS =
        new BodyInspection(32 * 1024, 4 * 1024, 40 * 1024, 16 * 1024);

    public BodyInspection {
      check("request-body-minimal-inspect-size", requestMinSize, 0);
      check("request-body-inspect-window", requestWindow, 0);
      check("response-body-minimal-inspect-size", responseMinSize, 0);
      check("response-body-inspect-window", responseWindow, 0);
    }
  }

  public HttpConfig {
    check("request-body-limit", requestBodyLimit, 0);
    check("response-body-limit", responseBodyLimit, 0);
    check("max-line-length", maxLineLength, 16);
    check("max-headers", maxHeaders, 1);
    check("max-raw-header-bytes", maxRawHeaderBytes, 16);
    check("connect-buffer-limit", connectBufferLimit, 0);
    check("response-body-decompress-layer-limit", decompressLayerLimit, 1);
    java.util.Objects.requireNonNull(bodyInspection, "bodyInspection");
    fileHashes = java.util.Set.copyOf(fileHashes);
    for (String h : fileHashes) {
      if (!FileDigests.ALGORITHMS.contains(h)) {
        throw new IllegalArgumentException(
            "force-hash: unknown hash '" + h + "' (md5, sha1, sha256)");
      }
    }
  }

  private static void check(String key, int v, int min) {
    if (v < min) {
      throw new IllegalArgumentException(
          "http config " + key + " must be >= " + min + ", got " + v);
    }
  }

  /** Where Suricata's configuration keeps the libhtp settings Vigil reads. */
  public static final String KEY = "app-layer.protocols.http.libhtp.default-config.";

  /**
   * The settings of a configuration, under Suricata's keys ({@code request-body-limit}, {@code
   * response-body-limit}, {@code response-body-decompress-layer-limit}, {@code
   * request-body-minimal-inspect-size}, {@code request-body-inspect-window}, {@code
   * response-body-minimal-inspect-size}, {@code response-body-inspect-window}); defaults otherwise
   * (Suricata's random +-5% on the inspect sizes is not applied).
   *
   * @throws org.vigil.config.ConfigException naming the key of a bad value
   */
  public static HttpConfig from(org.vigil.config.VigilConfig cfg) {
    HttpConfig d = defaults();
    long req = cfg.getSize(KEY + "request-body-limit", d.requestBodyLimit());
    long resp = cfg.getSize(KEY + "response-body-limit", d.responseBodyLimit());
    long layers =
        cfg.getSize(KEY + "response-body-decompress-layer-limit", d.decompressLayerLimit());
    BodyInspection b = d.bodyInspection();
    try {
      BodyInspection inspection =
          new BodyInspection(
              Math.toIntExact(
                  cfg.getSize(KEY + "request-body-minimal-inspect-size", b.requestMinSize())),
              Math.toIntExact(cfg.getSize(KEY + "request-body-inspect-window", b.requestWindow())),
              Math.toIntExact(
                  cfg.getSize(KEY + "response-body-minimal-inspect-size", b.responseMinSize())),
              Math.toIntExact(
                  cfg.getSize(KEY + "response-body-inspect-window", b.responseWindow())));
      return d.withBodyLimits(Math.toIntExact(req), Math.toIntExact(resp))
          .withDecompressLayerLimit(Math.toIntExact(layers))
          .withBodyInspection(inspection)
          .withFileHashes(FileDigests.forceHash(cfg));
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new org.vigil.config.ConfigException(KEY + "*: " + e.getMessage());
    }
  }

  /** Suricata 7's defaults: 100 KB body limits, libhtp's 18000-byte field limit. */
  public static HttpConfig defaults() {
    return new HttpConfig(
        100 * 1024,
        100 * 1024,
        18000,
        1024,
        256 * 1024,
        true,
        false,
        64 * 1024,
        2,
        BodyInspection.DEFAULTS,
        java.util.Set.of());
  }

  /** The same configuration with other body limits. */
  public HttpConfig withBodyLimits(int request, int response) {
    return new HttpConfig(
        request,
        response,
        maxLineLength,
        maxHeaders,
        maxRawHeaderBytes,
        decompress,
        uriCaseFolding,
        connectBufferLimit,
        decompressLayerLimit,
        bodyInspection,
        fileHashes);
  }

  /** The same configuration with other header limits. */
  public HttpConfig withHeaderLimits(int lineLength, int headers, int rawHeaderBytes) {
    return new HttpConfig(
        requestBodyLimit,
        responseBodyLimit,
        lineLength,
        headers,
        rawHeaderBytes,
        decompress,
        uriCaseFolding,
        connectBufferLimit,
        decompressLayerLimit,
        bodyInspection,
        fileHashes);
  }

  /** The same configuration with another content-decoding layer limit. */
  public HttpConfig withDecompressLayerLimit(int layers) {
    return new HttpConfig(
        requestBodyLimit,
        responseBodyLimit,
        maxLineLength,
        maxHeaders,
        maxRawHeaderBytes,
        decompress,
        uriCaseFolding,
        connectBufferLimit,
        layers,
        bodyInspection,
        fileHashes);
  }

  /** The same configuration with other body inspection sizes. */
  public HttpConfig withBodyInspection(BodyInspection inspection) {
    return new HttpConfig(
        requestBodyLimit,
        responseBodyLimit,
        maxLineLength,
        maxHeaders,
        maxRawHeaderBytes,
        decompress,
        uriCaseFolding,
        connectBufferLimit,
        decompressLayerLimit,
        inspection,
        fileHashes);
  }

  /** The same configuration with URI case folding switched. */
  public HttpConfig withUriCaseFolding(boolean on) {
    return new HttpConfig(
        requestBodyLimit,
        responseBodyLimit,
        maxLineLength,
        maxHeaders,
        maxRawHeaderBytes,
        decompress,
        on,
        connectBufferLimit,
        decompressLayerLimit,
        bodyInspection,
        fileHashes);
  }

  /** The same configuration with other file digests ({@code md5}, {@code sha1}, {@code sha256}). */
  public HttpConfig withFileHashes(java.util.Set<String> hashes) {
    return new HttpConfig(
        requestBodyLimit,
        responseBodyLimit,
        maxLineLength,
        maxHeaders,
        maxRawHeaderBytes,
        decompress,
        uriCaseFolding,
        connectBufferLimit,
        decompressLayerLimit,
        bodyInspection,
        hashes);
  }
}
