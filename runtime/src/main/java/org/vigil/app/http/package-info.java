/**
 * HTTP/1.x application layer: {@link org.vigil.app.http.HttpProtocol}, the registered fallback
 * protocol (configured from the libhtp keys), makes one {@link org.vigil.app.http.HttpLayer} per
 * TCP flow no other protocol claims; it recognises HTTP itself, and reports the units a detection
 * pass inspects (transactions before and after completion, their body windows, {@link
 * org.vigil.app.http.BodyWindow}) with their admission rules. Its parser is one {@link
 * org.vigil.app.http.HttpConnectionParser} per TCP connection, fed by the stream layer with
 * in-order bytes per direction ({@code onData(toServer, buf, off, len)}, {@code onGap}, {@code
 * onClose}), reporting {@link org.vigil.app.http.HttpTransaction}s to an {@link
 * org.vigil.app.http.HttpTransactionListener}.
 *
 * <p>Each transaction offers the inspection buffers of Suricata 7: {@code uri()} (http_uri,
 * uricontent, urilen), {@code rawUri()}, {@code method()}, {@code requestHeaderBuffer()} / {@code
 * responseHeaderBuffer()} (http_header: "Name: value\r\n" per field, Cookie/Set-Cookie left out),
 * {@code requestRawHeader()} / {@code responseRawHeader()}, {@code requestCookie()} / {@code
 * responseCookie()}, {@code clientBody()}, {@code statCode()}, {@code statMsg()} and {@code
 * fileData()} (response body dechunked and decompressed), plus the EVE http fields.
 *
 * <p>Parsing follows libhtp 0.5 (Suricata 7's HTTP library) where servers and browsers disagree:
 * request and response framing, the http-evader cases of broken framing, and URI normalization by
 * server personality ({@link org.vigil.app.http.normalize.ServerPersonality}, chosen per server
 * address by a {@link org.vigil.app.http.PersonalityResolver}). Anomalies are {@link
 * org.vigil.app.http.HttpEvent}s, never exceptions.
 */
package org.vigil.app.http;
