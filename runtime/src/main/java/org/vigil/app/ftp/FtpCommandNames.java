package org.vigil.app.ftp;

/**
 * The FTP commands Suricata 7 recognises in a client line: its multi-pattern search finds the
 * command names anywhere in the line, case-insensitively, and the command is the one whose match
 * ends first ("XPORT 1,2,3,4,5,6" is a PORT command, "USER PORT" a USER command).
 */
final class FtpCommandNames {
  private FtpCommandNames() {}

  /** The command names, in Suricata's table order (ties on the end offset go to the first). */
  static final String[] NAMES = {
    "PORT",
    "EPRT",
    "AUTH TLS",
    "PASV",
    "RETR",
    "EPSV",
    "STOR",
    "ABOR",
    "ACCT",
    "ALLO",
    "APPE",
    "CDUP",
    "CHMOD",
    "CWD",
    "DELE",
    "HELP",
    "IDLE",
    "LIST",
    "MAIL",
    "MDTM",
    "MKD",
    "MLFL",
    "MODE",
    "MRCP",
    "MRSQ",
    "MSAM",
    "MSND",
    "MSOM",
    "NLST",
    "NOOP",
    "PASS",
    "PWD",
    "QUIT",
    "REIN",
    "REST",
    "RMD",
    "RNFR",
    "RNTO",
    "SITE",
    "SIZE",
    "SMNT",
    "STAT",
    "STOU",
    "STRU",
    "SYST",
    "TYPE",
    "UMASK",
    "USER"
  };

  /** The index in {@link #NAMES} of PORT. */
  static final int PORT = 0;

  /** The index in {@link #NAMES} of EPRT. */
  static final int EPRT = 1;

  /** The command of the line {@code b[0, len)}: an index in {@link #NAMES}, or -1 for none. */
  static int of(byte[] b, int len) {
    for (int end = 1; end <= len; end++) {
      for (int n = 0; n < NAMES.length; n++) {
        String name = NAMES[n];
        int start = end - name.length();
        if (start >= 0 && at(b, start, name)) {
          return n;
        }
      }
    }
    return -1;
  }

  private static boolean at(byte[] b, int p, String name) {
    for (int i = 0; i < name.length(); i++) {
      if (FtpDetection.upper(b[p + i]) != name.charAt(i)) {
        return false;
      }
    }
    return true;
  }
}
