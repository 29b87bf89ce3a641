/**
 * TLS application layer as Suricata 7 parses it at record level: {@link
 * org.vigil.app.tls.TlsProtocol} (registered) recognises a direction's first bytes ({@link
 * org.vigil.app.tls.TlsDetection}: a TLS record header, any port) and makes one {@link
 * org.vigil.app.tls.TlsLayer} per TCP connection, whose {@link
 * org.vigil.app.tls.TlsConnectionParser} frames each direction's records across segments: each
 * complete record triggers the direction's raw stream inspection, and the first ApplicationData
 * record ends payload and raw inspection of the flow. Handshake messages are not decoded (no tls.*
 * keywords), nor are SSLv2 records.
 */
package org.vigil.app.tls;
