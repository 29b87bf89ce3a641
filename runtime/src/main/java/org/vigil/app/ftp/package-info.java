/**
 * The FTP pieces Suricata 7's protocol handling needs here: {@link org.vigil.app.ftp.FtpProtocol}
 * (registered; {@link org.vigil.app.ftp.FtpDetection}, FTP's detection patterns) and {@link
 * org.vigil.app.ftp.FtpLayer}, whose {@link org.vigil.app.ftp.FtpTlsUpgrade} turns the connection
 * into TLS when AUTH TLS is answered by 234 (the flow is handed to the protocol registered as
 * "tls"). No FTP keywords or data channels.
 */
package org.vigil.app.ftp;
