/**
 * SMB over TCP: {@link org.vigil.app.smb.SmbProtocol} (registered) detects it ({@link
 * org.vigil.app.smb.SmbDetection}) and its {@link org.vigil.app.smb.SmbLayer} gives the session an
 * unlimited reassembly depth, as Suricata does; no SMB parsing.
 */
package org.vigil.app.smb;
