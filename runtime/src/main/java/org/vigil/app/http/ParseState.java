package org.vigil.app.http;

/** Where a {@link MessageParser} is in the message it parses. */
enum ParseState {
  START_LINE,
  HEADERS,
  JUNK_LINES,
  BODY_LENGTH,
  CHUNK_SIZE,
  CHUNK_DATA,
  CHUNK_DATA_END,
  TRAILERS,
  BODY_CLOSE,
  FINALIZE,
  WAIT_CONNECT,
  TUNNEL,
  LOST,
  CLOSED
}
