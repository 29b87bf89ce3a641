package org.vigil.app.ftp;

import java.util.Arrays;
import java.util.List;
import org.vigil.app.AlertedRules;
import org.vigil.app.AppControl;
import org.vigil.app.AppFile;
import org.vigil.app.AppLayer;
import org.vigil.app.AppRecord;
import org.vigil.app.AppTransaction;
import org.vigil.app.AppUnit;
import org.vigil.app.RecordWriter;
import org.vigil.app.UnitSink;
import org.vigil.detect.api.Buffers;

/**
 * An FTP data connection ({@link FtpDataChannels} announced it): its protocol is "ftp-data" (rules
 * {@code alert ftp-data}); the bytes sent in the announced direction are the transferred file,
 * inspected as {@code file.data} (its first {@value #MAX_FILE} bytes) once the sender closed its
 * side or the flow ends, and then logged as Suricata logs it: an EVE {@code ftp_data} record (the
 * command and file name the control channel gave) and a {@code fileinfo} record of app_proto {@code
 * ftp-data} ({@code CLOSED} when the sender closed, {@code TRUNCATED} when the flow ended first;
 * {@code gaps} when stream data was lost). Data of the other direction is not the file.
 */
public final class FtpDataLayer implements AppLayer {
  /** The most bytes of a file inspected. */
  static final int MAX_FILE = 1 << 20;

  /** The direction the file flows in (to the server when true), null until the first data. */
  private Boolean fileToServer;

  private final AppControl control;
  private final FtpDataFile announced;
  private byte[] file = new byte[4096];
  private int kept;
  private long size;
  private boolean gaps;
  private boolean closed;
  private boolean reported;
  private final AlertedRules alerted = new AlertedRules();

  /**
   * The layer of a data connection whose file flows to its server when {@code fileToServer}; null:
   * in the direction of the first data (the one its expectation was claimed with). Its transaction
   * is logged through {@code control} (null: not logged) under the command and name of {@code
   * announced}.
   */
  public FtpDataLayer(Boolean fileToServer, AppControl control, FtpDataFile announced) {
    this.fileToServer = fileToServer;
    this.control = control;
    this.announced = announced;
  }

  @Override
  public void onData(boolean toServer, byte[] buf, int off, int len) {
    if (fileToServer == null) {
      fileToServer = toServer;
    }
    if (toServer != fileToServer || reported) {
      return;
    }
    size += len;
    int n = Math.min(len, MAX_FILE - kept);
    if (n <= 0) {
      return;
    }
    if (kept + n > file.length) {
      file = Arrays.copyOf(file, Math.min(MAX_FILE, Math.max(kept + n, file.length * 2)));
    }
    System.arraycopy(buf, off, file, kept, n);
    kept += n;
  }

  @Override
  public void onGap(boolean toServer, long length) {
    if (fileToServer != null && toServer == fileToServer && !reported) {
      gaps = true;
      size += length;
    }
  }

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
    byte[] data = file;
    int n = kept;
    file = null;
    AppTransaction tx = new Transfer(fileToServer, size, gaps, closed);
    out.inspect(new AppUnit(fileToServer, tx, s -> s.put(Buffers.FILE_DATA, data, 0, n), null));
    if (control != null) {
      control.logTransaction(tx);
    }
  }

  /** The connection's one transaction: the file. */
  private final class Transfer implements AppTransaction {
    private final AppFile appFile;

    Transfer(boolean toServer, long size, boolean gaps, boolean closed) {
      appFile = new AppFile(toServer, announced.filename(), size, gaps, closed, null, null, null);
    }

    @Override
    public long id() {
      return 0;
    }

    @Override
    public AppRecord appRecord() {
      return new DataRecord(announced);
    }

    @Override
    public boolean firstAlert(int rule) {
      return alerted.first(rule);
    }

    @Override
    public List<AppFile> files() {
      return announced.filename().isEmpty() ? List.of() : List.of(appFile);
    }
  }

  /** The EVE {@code ftp_data} object: the file's name and the command that announced it. */
  private record DataRecord(FtpDataFile file) implements AppRecord {
    @Override
    public String eventType() {
      return "ftp_data";
    }

    @Override
    public void writeFields(RecordWriter w) {
      if (!file.filename().isEmpty()) {
        w.string("filename", file.filename());
      }
      if (!file.command().isEmpty()) {
        w.string("command", file.command());
      }
    }

    @Override
    public String appProto() {
      return FtpDataChannels.PROTOCOL;
    }

    @Override
    public boolean inFileRecords() {
      return false;
    }
  }
}
