/**
 * The FTP pieces Suricata 7's protocol handling needs here: {@link org.vigil.app.ftp.FtpProtocol}
 * (registered; {@link org.vigil.app.ftp.FtpDetection}, FTP's detection patterns) and {@link
 * org.vigil.app.ftp.FtpLayer}, whose {@link org.vigil.app.ftp.FtpTlsUpgrade} turns the connection
 * into TLS when AUTH TLS is answered by 234 (the flow is handed to the protocol registered as
 * "tls"), and the data connections: {@link org.vigil.app.ftp.FtpDataChannels} reads the
 * PASV/EPSV/PORT/EPRT ports and RETR/STOR commands into the run's expectations, and a connection
 * that meets one is "ftp-data" ({@link org.vigil.app.ftp.FtpDataProtocol}, {@link
 * org.vigil.app.ftp.FtpDataLayer}: the file as file.data).
 */
package org.vigil.app.ftp;
