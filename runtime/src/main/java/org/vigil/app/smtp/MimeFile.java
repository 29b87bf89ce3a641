package org.vigil.app.smtp;

import java.util.Arrays;

/**
 * One attachment of a mail, decoded from its transfer encoding (the bytes an SMTP rule's {@code
 * file.data} inspects): its file name as the MIME headers give it and its first {@link #LIMIT}
 * bytes.
 *
 * @param name the file name (Content-Disposition's filename, else Content-Type's name), or ""
 * @param data the decoded content, at most {@link #LIMIT} bytes
 * @param truncated true when the content was longer than {@link #LIMIT} or ended before its part
 *     did (the stream closed or had a gap)
 * @param size the decoded bytes of the attachment in all (beyond {@link #LIMIT} too)
 * @param complete true when the part ended at its boundary or with the mail (EVE fileinfo {@code
 *     CLOSED}), false when the stream closed or had a gap first ({@code TRUNCATED})
 */
public record MimeFile(String name, byte[] data, boolean truncated, long size, boolean complete) {
  /** The most bytes of one attachment kept for inspection. */
  public static final int LIMIT = 1 << 20;

  /** A copy of {@code n} bytes of {@code b}, of an attachment of {@code size} bytes. */
  static MimeFile of(String name, byte[] b, int n, boolean truncated, long size, boolean cut) {
    return new MimeFile(name, Arrays.copyOf(b, n), truncated || cut, size, !cut);
  }
}
