/**
 * SSH application layer as Suricata 7 parses it: {@link org.vigil.app.ssh.SshProtocol} (registered)
 * recognises a direction's first bytes ({@link org.vigil.app.ssh.SshDetection}: "SSH-", any case,
 * on any port) and makes one {@link org.vigil.app.ssh.SshLayer} per TCP connection, whose {@link
 * org.vigil.app.ssh.SshConnectionParser} reads each side's banner line ({@link
 * org.vigil.app.ssh.SshBanner}), then frames its binary packets (uint32 packet_length,
 * padding_length, message code) across segments, tracking SSH_MSG_NEWKEYS (21). Once a complete
 * NEWKEYS record was seen from both sides the rest of the connection is encrypted, and the layer
 * stops the flow's inspection: as Suricata, app-layer parsing, payload inspection and raw stream
 * inspection of the flow end.
 */
package org.vigil.app.ssh;
