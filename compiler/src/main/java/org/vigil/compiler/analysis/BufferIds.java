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
      case HTTP_HOST -> Buffers.HTTP_HOST;
      case HTTP_RAW_HOST -> Buffers.HTTP_RAW_HOST;
      case HTTP_USER_AGENT -> Buffers.HTTP_USER_AGENT;
      case HTTP_CONTENT_TYPE -> Buffers.HTTP_CONTENT_TYPE;
      case HTTP_CONTENT_LEN -> Buffers.HTTP_CONTENT_LEN;
      case HTTP_HEADER_NAMES -> Buffers.HTTP_HEADER_NAMES;
      case HTTP_REQUEST_LINE -> Buffers.HTTP_REQUEST_LINE;
      case HTTP_RESPONSE_LINE -> Buffers.HTTP_RESPONSE_LINE;
      case HTTP_START -> Buffers.HTTP_START;
      case HTTP_PROTOCOL -> Buffers.HTTP_PROTOCOL;
      case HTTP_REFERER -> Buffers.HTTP_REFERER;
      case HTTP_LOCATION -> Buffers.HTTP_LOCATION;
      case HTTP_SERVER -> Buffers.HTTP_SERVER;
      case HTTP_ACCEPT -> Buffers.HTTP_ACCEPT;
      case HTTP_ACCEPT_ENC -> Buffers.HTTP_ACCEPT_ENC;
      case HTTP_ACCEPT_LANG -> Buffers.HTTP_ACCEPT_LANG;
      case HTTP_CONNECTION -> Buffers.HTTP_CONNECTION;
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
      case APP_EVENTS -> Buffers.APP_EVENTS;
      case DCE_STUB_DATA -> Buffers.DCE_STUB_DATA;
      case DCE_STATE -> Buffers.DCE_STATE;
      case FTP_COMMAND -> Buffers.FTP_COMMAND;
      case SIP_HEADER, SIP_BODY ->
          throw new BackendException(
              pos, b.keyword() + " is not supported by Vigil yet (no SIP parser): rule skipped");
    };
  }
}
