/**
 * TLS application layer as Suricata 7 parses it at record level: {@link org.vigil.app.tls.TlsDetection}
 * recognises a direction's first bytes (a TLS record header, any port); one
 * {@link org.vigil.app.tls.TlsConnectionParser} per TCP connection frames each direction's records
 * across segments, reporting each complete record (raw stream inspection of the direction is then
 * due) and the first ApplicationData record (payload and raw inspection of the flow then end).
 * Handshake messages are not decoded (no tls.* keywords), nor are SSLv2 records.
 */
package org.vigil.app.tls;
