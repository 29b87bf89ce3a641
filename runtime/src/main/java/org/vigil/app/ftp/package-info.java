/**
 * The FTP pieces Suricata 7's protocol handling needs here: {@link org.vigil.app.ftp.FtpDetection}
 * (FTP's detection patterns) and {@link org.vigil.app.ftp.FtpTlsUpgrade} (AUTH TLS answered by 234
 * turns the connection into TLS). No FTP keywords or data channels.
 */
package org.vigil.app.ftp;
