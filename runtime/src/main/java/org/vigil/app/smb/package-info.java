/**
 * SMB over TCP: {@link org.vigil.app.smb.SmbProtocol} (registered) detects it ({@link
 * org.vigil.app.smb.SmbDetection}) and its {@link org.vigil.app.smb.SmbLayer} gives the session an
 * unlimited reassembly depth, as Suricata does, and follows the DCE/RPC of its named pipes (SMB1
 * transactions, WRITE_ANDX/READ_ANDX; SMB2 WRITE/READ/IOCTL) through {@code app.dcerpc}.
 */
package org.vigil.app.smb;
