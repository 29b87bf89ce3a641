package org.vigil.app.ftp;

/**
 * What an FTP control channel tells the data connection it announced: the command that opened it
 * and the file it names.
 *
 * @param command {@code RETR} or {@code STOR}
 * @param filename the command's argument
 */
record FtpDataFile(String command, String filename) {}
