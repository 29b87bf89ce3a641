/**
 * RFB (VNC) application layer as Suricata 7 parses it: {@link org.vigil.app.rfb.RfbProtocol}
 * (registered) recognises a flow by "RFB " opening either direction and makes one {@link
 * org.vigil.app.rfb.RfbLayer} per TCP connection, whose parser follows the handshake (versions,
 * security types, VNC challenge and response, security result or failure reason, client and server
 * init) into the connection's one transaction, logged as an EVE {@code rfb} record.
 */
package org.vigil.app.rfb;
