/**
 * RDP application layer as Suricata 7 parses it: {@link org.vigil.app.rdp.RdpProtocol} (registered)
 * recognises a flow to port 3389 by a TPKT's first byte and makes one {@link
 * org.vigil.app.rdp.RdpLayer} per TCP connection, whose parser reads the connection's start — the
 * X.224 connection request and confirm with their RDP negotiation, the MCS connect-initial's client
 * core and network data, the MCS connect-response, and after a negotiation of TLS the server's
 * certificate chain — and logs each message as an EVE {@code rdp} record.
 */
package org.vigil.app.rdp;
