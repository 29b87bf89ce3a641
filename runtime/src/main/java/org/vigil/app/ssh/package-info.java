/**
 * SSH application layer as Suricata 7 parses it: {@link org.vigil.app.ssh.SshDetection} recognises
 * a direction's first bytes ("SSH-", any case, on any port); one
 * {@link org.vigil.app.ssh.SshConnectionParser} per TCP connection is fed in-order bytes per
 * direction and reads each side's banner line ({@link org.vigil.app.ssh.SshBanner}), then frames
 * its binary packets (uint32 packet_length, padding_length, message code) across segments,
 * tracking SSH_MSG_NEWKEYS (21). Once a complete NEWKEYS record was seen from both sides the rest
 * of the connection is encrypted, and the parser reports
 * {@link org.vigil.app.ssh.SshConnectionParser#NO_INSPECTION}: as Suricata, the engine then stops
 * app-layer parsing, payload inspection and raw stream inspection of the flow.
 */
package org.vigil.app.ssh;
