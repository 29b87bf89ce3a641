package org.vigil.app.http.normalize;

/**
 * The URI decoding switches of one server personality (modelled on libhtp's per-personality decoder
 * configuration and Snort http_inspect's server profile options).
 *
 * @param backslashSeparators '\' (raw or decoded) is a path separator and becomes '/' (IIS)
 * @param decodeSeparators %2f (and %5c where backslashes separate) are decoded; otherwise kept
 *     encoded
 * @param compressSeparators runs of '/' collapse into one
 * @param uDecode %uHHHH escapes are decoded (IIS)
 * @param utf8BestFit UTF-8 sequences in the decoded path (overlong ones included) are decoded and
 *     mapped to one byte, best-fit for code points above U+00FF
 * @param lowercase the server's file system is case-insensitive (IIS); applied only when the
 *     configuration asks for it, since Suricata keeps the original case
 * @param invalidEncoding what happens to a '%' that starts no valid escape
 * @param doubleDecode the path is decoded a second time (IIS 5.0's double decoding)
 * @param nulEncodedTerminates an encoded NUL ends the path
 * @param nulRawTerminates a raw NUL ends the path
 * @param decodeQuery the query string is percent-decoded too (libhtp keeps it raw)
 * @param queryPlusSpace '+' in the query becomes a space (only with decodeQuery)
 */
public record NormalizerOptions(
    boolean backslashSeparators,
    boolean decodeSeparators,
    boolean compressSeparators,
    boolean uDecode,
    boolean utf8BestFit,
    boolean lowercase,
    InvalidEncoding invalidEncoding,
    boolean doubleDecode,
    boolean nulEncodedTerminates,
    boolean nulRawTerminates,
    boolean decodeQuery,
    boolean queryPlusSpace) {

  public NormalizerOptions {
    if (invalidEncoding == null) {
      throw new IllegalArgumentException("invalidEncoding must not be null");
    }
  }

  /** The same options with case folding switched on or off. */
  public NormalizerOptions withLowercase(boolean on) {
    return new NormalizerOptions(
        backslashSeparators,
        decodeSeparators,
        compressSeparators,
        uDecode,
        utf8BestFit,
        on,
        invalidEncoding,
        doubleDecode,
        nulEncodedTerminates,
        nulRawTerminates,
        decodeQuery,
        queryPlusSpace);
  }

  /** The same options with NUL handling changed. */
  public NormalizerOptions withNulTerminates(boolean encoded, boolean raw) {
    return new NormalizerOptions(
        backslashSeparators,
        decodeSeparators,
        compressSeparators,
        uDecode,
        utf8BestFit,
        lowercase,
        invalidEncoding,
        doubleDecode,
        encoded,
        raw,
        decodeQuery,
        queryPlusSpace);
  }

  /** The same options with query decoding changed. */
  public NormalizerOptions withQueryDecoding(boolean decode, boolean plusSpace) {
    return new NormalizerOptions(
        backslashSeparators,
        decodeSeparators,
        compressSeparators,
        uDecode,
        utf8BestFit,
        lowercase,
        invalidEncoding,
        doubleDecode,
        nulEncodedTerminates,
        nulRawTerminates,
        decode,
        plusSpace);
  }
}
