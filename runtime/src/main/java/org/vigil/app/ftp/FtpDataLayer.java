package org.vigil.app.ftp;

import java.util.Arrays;
import org.vigil.app.AppLayer;
import org.vigil.app.AppTransaction;
import org.vigil.app.AppUnit;
import org.vigil.app.UnitSink;
import org.vigil.detect.api.Buffers;

/**
 * An FTP data connection ({@link FtpDataChannels} announced it): its protocol is "ftp-data" (rules
 * {@code alert ftp-data}); the bytes sent in the announced direction are the transferred file,
 * inspected as {@code file.data} (its first {@value #MAX_FILE} bytes) once the sender closed its
 * side or the flow ends. Data of the other direction is not the file.
 */
public final class FtpDataLayer implements AppLayer {
  /** The most bytes of a file inspected. */
  static final int MAX_FILE = 1 << 20;

  /** The direction the file flows in (to the server when true), null until the first data. */
  private Boolean fileToServer;

  private byte[] file = new byte[4096];
  private int size;
  private boolean closed;
  private boolean reported;
  private final java.util.BitSet alerted = new java.util.BitSet();

  /**
   * The layer of a data connection whose file flows to its server when {@code fileToServer}; null:
   * in the direction of the first data (the one its expectation was claimed with).
   */
  public FtpDataLayer(Boolean fileToServer) {
    this.fileToServer = fileToServer;
  }

  @Override
  public void onData(boolean toServer, byte[] buf, int off, int len) {
    if (fileToServer == null) {
      fileToServer = toServer;
    }
    if (toServer != fileToServer || reported) {
      return;
    }
    int n = Math.min(len, MAX_FILE - size);
    if (n <= 0) {
      return;
    }
    if (size + n > file.length) {
      file = Arrays.copyOf(file, Math.min(MAX_FILE, Math.max(size + n, file.length * 2)));
    }
    System.arraycopy(buf, off, file, size, n);
    size += n;
  }

  @Override
  public void onGap(boolean toServer, long length) {}

  @Override
  public void onClose(boolean toServer) {
    if (fileToServer != null && toServer == fileToServer) {
      closed = true;
    }
  }

  @Override
  public String protocolName() {
    return FtpDataChannels.PROTOCOL;
  }

  @Override
  public void units(boolean toServer, boolean flowEnd, UnitSink out) {
    if (reported || size == 0 || !(closed || flowEnd)) {
      return;
    }
    if (!flowEnd && toServer != fileToServer.booleanValue()) {
      return;
    }
    reported = true;
    byte[] data = Arrays.copyOf(file, size);
    file = null;
    AppTransaction tx =
        new AppTransaction() {
          @Override
          public long id() {
            return 0;
          }

          @Override
          public org.vigil.app.AppRecord appRecord() {
            return new org.vigil.app.AppRecord() {
              @Override
              public String eventType() {
                return "ftp_data";
              }

              @Override
              public void writeFields(org.vigil.app.RecordWriter w) {}
            };
          }

          @Override
          public boolean firstAlert(int rule) {
            if (alerted.get(rule)) {
              return false;
            }
            alerted.set(rule);
            return true;
          }
        };
    out.inspect(
        new AppUnit(fileToServer, tx, s -> s.put(Buffers.FILE_DATA, data, 0, data.length), null));
  }
}
