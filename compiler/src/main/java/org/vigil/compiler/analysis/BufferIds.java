package org.vigil.compiler.analysis;

import org.vigil.compiler.ir.Buffer;
import org.vigil.compiler.ir.SourcePos;
import org.vigil.detect.api.Buffers;

/** Maps IR buffers to the runtime's {@link Buffers} slot ids. */
public final class BufferIds {
  private BufferIds() {}

  /** The slot of {@code b}, or a {@link BackendException} for buffers the runtime does not fill. */
  public static int of(Buffer b, SourcePos pos) {
    return switch (b) {
      case PKT_DATA -> Buffers.PAYLOAD;
      case FILE_DATA -> Buffers.FILE_DATA;
      case BASE64_DATA -> Buffers.BASE64_DATA;
      case HTTP_URI -> Buffers.HTTP_URI;
      case HTTP_RAW_URI -> Buffers.HTTP_RAW_URI;
      case HTTP_METHOD -> Buffers.HTTP_METHOD;
      case HTTP_HEADER -> Buffers.HTTP_HEADER;
      case HTTP_RAW_HEADER -> Buffers.HTTP_RAW_HEADER;
      case HTTP_COOKIE -> Buffers.HTTP_COOKIE;
      case HTTP_RAW_COOKIE -> Buffers.HTTP_RAW_COOKIE;
      case HTTP_CLIENT_BODY -> Buffers.HTTP_CLIENT_BODY;
      case HTTP_STAT_CODE -> Buffers.HTTP_STAT_CODE;
      case HTTP_STAT_MSG -> Buffers.HTTP_STAT_MSG;
      case DNS_QUERY -> Buffers.DNS_QUERY;
      case TLS_SNI -> Buffers.TLS_SNI;
      case TLS_CERT_SUBJECT -> Buffers.TLS_CERT_SUBJECT;
      case TLS_CERT_ISSUER -> Buffers.TLS_CERT_ISSUER;
      case TLS_CERT_SERIAL -> Buffers.TLS_CERT_SERIAL;
      case TLS_CERT_FINGERPRINT -> Buffers.TLS_CERT_FINGERPRINT;
      case TLS_CERTS -> Buffers.TLS_CERTS;
      case JA3_HASH -> Buffers.JA3_HASH;
      case JA3_STRING -> Buffers.JA3_STRING;
      case JA3S_HASH -> Buffers.JA3S_HASH;
      case JA3S_STRING -> Buffers.JA3S_STRING;
      case SSH_PROTO -> Buffers.SSH_PROTO;
      case SSH_SOFTWARE -> Buffers.SSH_SOFTWARE;
      case TLS_STATE -> Buffers.TLS_STATE;
      case DCE_STUB_DATA, SIP_HEADER, SIP_BODY ->
          throw new BackendException(
              pos,
              b.keyword()
                  + " is not supported by Vigil yet (no DCE/RPC or SIP parser): rule skipped");
    };
  }
}
