package org.vigil.app.http;

/**
 * Writes the body bytes of a response into its transaction: Content-Encoding decoding, the body
 * limit, the file size, digests and gaps.
 */
final class ResponseBodySink {

  private final HttpConfig cfg;
  private final HttpConnectionParser conn;
  private final ContentDecoder decompressor;
  private boolean decoding;

  ResponseBodySink(HttpConfig cfg, HttpConnectionParser conn) {
    this.cfg = cfg;
    this.conn = conn;
    this.decompressor = new ContentDecoder(Math.max(1, cfg.decompressLayerLimit()));
  }

  /** Whether the current body is decoded. */
  boolean decoding() {
    return decoding;
  }

  /** The current body is kept as sent (no decoding). */
  void plain() {
    decoding = false;
  }

  /** Starts a body whose Content-Encoding is {@code ce} (null: none). */
  void start(HttpTransaction tx, byte[] ce) {
    decoding = false;
    if (ce == null || !cfg.decompress()) {
      return;
    }
    java.util.List<BodyDecompressor.Coding> codings = ContentDecoder.parse(ce);
    if (codings.isEmpty()) {
      String v = new String(ce, java.nio.charset.StandardCharsets.ISO_8859_1).trim();
      if (!v.isEmpty() && !v.equalsIgnoreCase("identity")) {
        conn.event(tx, HttpEvent.UNSUPPORTED_CONTENT_ENCODING);
      }
      return;
    }
    if (ContentDecoder.tooMany(codings, cfg.decompressLayerLimit())) {
      conn.event(tx, HttpEvent.TOO_MANY_ENCODING_LAYERS);
    }
    decoding = decompressor.start(codings);
  }

  /** Body bytes (dechunked) of {@code tx}'s response. */
  void data(HttpTransaction tx, byte[] b, int off, int len) {
    tx.responseMessageLength += len;
    int cap = cfg.responseBodyLimit();
    if (cap > 0 && tx.responseFileSize >= cap) {
      // as Suricata 7: the file takes body bytes within the body limit only, and body bytes past
      // it close it TRUNCATED
      tx.responseFileTruncated = true;
    }
    if (decoding) {
      int before = tx.responseBody.length();
      boolean fed = decompressor.feed(b, off, len, tx.responseBody, cap);
      // decoded bytes past the body limit are not decoded: the file's size stops there too
      tx.responseFileSize += tx.responseBody.length() - before;
      if (tx.responseDigests != null && tx.responseBody.length() > before) {
        byte[] decoded = tx.responseBody.copy(before, tx.responseBody.length());
        tx.responseDigests.update(decoded, 0, decoded.length);
      }
      if (!fed) {
        conn.event(tx, HttpEvent.GZIP_DECOMPRESSION_FAILED);
      }
      if (tx.responseBody.length() >= cap && !tx.responseBodyTruncated) {
        tx.responseBodyTruncated = true;
      }
      return;
    }
    if (!tx.responseFileTruncated) {
      int filed = cap > 0 ? (int) Math.min(len, cap - tx.responseFileSize) : len;
      tx.responseFileSize += filed;
      if (tx.responseDigests != null) {
        tx.responseDigests.update(b, off, filed);
      }
    }
    int kept = tx.responseBody.append(b, off, len, cap);
    if (kept < len && !tx.responseBodyTruncated) {
      tx.responseBodyTruncated = true;
      conn.event(tx, HttpEvent.RESPONSE_BODY_TRUNCATED);
    }
  }

  /** Body bytes of {@code tx}'s response lost in a gap. */
  void gap(HttpTransaction tx, long length) {
    tx.responseMessageLength += length;
    tx.responseBodyTruncated = true;
    tx.responseFileGaps = true;
    int cap = cfg.responseBodyLimit();
    if (cap > 0 && tx.responseFileSize >= cap) {
      tx.responseFileTruncated = true;
    }
    if (!tx.responseFileTruncated) {
      tx.responseFileSize += length;
    }
    if (decoding) {
      decompressor.abandon();
    }
  }

  /** Frees native memory. */
  void release() {
    decompressor.end();
  }
}
