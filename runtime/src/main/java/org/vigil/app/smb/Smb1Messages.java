package org.vigil.app.smb;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the SMB1 messages of a connection for what its named pipes carry: TRANSACTION requests with
 * the TransactNmPipe subcommand and their responses, WRITE_ANDX requests and READ_ANDX responses
 * give the pipe data to {@link SmbPipes} (a response finds its FID through its request's multiplex
 * id); CLOSE drops a pipe. Only a message's first command is read (no AndX chains).
 */
final class Smb1Messages {
  private static final int HEADER = 32;
  private static final int CLOSE = 0x04;
  private static final int TRANSACTION = 0x25;
  private static final int READ_ANDX = 0x2E;
  private static final int WRITE_ANDX = 0x2F;
  private static final int TRANSACT_NMPIPE = 0x26;
  private static final int MAX_PENDING = 1024;

  private final SmbPipes pipes;

  /** TRANSACTION and READ_ANDX requests waiting for their response: multiplex id to FID. */
  private final Map<Integer, SmbPipes.FileKey> pending = new LinkedHashMap<>();

  Smb1Messages(SmbPipes pipes) {
    this.pipes = pipes;
  }

  /** One NetBIOS message starting with the SMB1 magic, of direction {@code toServer}. */
  void message(boolean toServer, byte[] b, int h, int len) {
    int end = h + len;
    if (len < HEADER + 3) {
      return;
    }
    int command = b[h + 4] & 0xFF;
    boolean response = (b[h + 9] & 0x80) != 0;
    if (response == toServer) {
      return; // a message against its direction is not read
    }
    long status = Smb2Messages.u32(b, h + 5);
    int mid = Smb2Messages.u16(b, h + 30);
    int words = h + HEADER + 1;
    int wordCount = b[h + HEADER] & 0xFF;
    if (words + 2 * wordCount + 2 > end) {
      return;
    }
    switch (command) {
      case TRANSACTION -> {
        if (!response && wordCount >= 16) {
          int setupCount = b[words + 26] & 0xFF;
          if (setupCount < 2 || Smb2Messages.u16(b, words + 28) != TRANSACT_NMPIPE) {
            return;
          }
          SmbPipes.FileKey key = key(Smb2Messages.u16(b, words + 30));
          remember(mid, key);
          data(
              key,
              true,
              b,
              h,
              end,
              Smb2Messages.u16(b, words + 24),
              Smb2Messages.u16(b, words + 22));
        } else if (response && wordCount >= 10) {
          SmbPipes.FileKey key = pending.remove(mid);
          if (key != null && (status == 0 || status == 0x80000005L)) {
            data(
                key,
                false,
                b,
                h,
                end,
                Smb2Messages.u16(b, words + 14),
                Smb2Messages.u16(b, words + 12));
          }
        }
      }
      case WRITE_ANDX -> {
        if (!response && wordCount >= 12) {
          int len2 = Smb2Messages.u16(b, words + 20) | Smb2Messages.u16(b, words + 18) << 16;
          SmbPipes.FileKey key = key(Smb2Messages.u16(b, words + 4));
          int dataOff = Smb2Messages.u16(b, words + 22);
          int writeMode = Smb2Messages.u16(b, words + 14);
          if ((writeMode & 0x0008) != 0 && len2 > 2 && h + dataOff + 2 < end) {
            // a message-start write to a pipe in raw mode leads with the message's 2-byte length
            dataOff += 2;
            len2 -= 2;
          }
          data(key, true, b, h, end, dataOff, len2);
        }
      }
      case READ_ANDX -> {
        if (!response && wordCount >= 10) {
          remember(mid, key(Smb2Messages.u16(b, words + 4)));
        } else if (response && wordCount >= 12) {
          SmbPipes.FileKey key = pending.remove(mid);
          if (key != null && (status == 0 || status == 0x80000005L)) {
            data(
                key,
                false,
                b,
                h,
                end,
                Smb2Messages.u16(b, words + 12),
                Smb2Messages.u16(b, words + 10));
          }
        }
      }
      case CLOSE -> {
        if (!response && wordCount >= 3) {
          pipes.close(key(Smb2Messages.u16(b, words)));
        }
      }
      default -> {}
    }
  }

  private void data(
      SmbPipes.FileKey key, boolean toServer, byte[] b, int h, int end, int dataOff, long len) {
    if (dataOff < HEADER || len <= 0 || h + dataOff > end) {
      return;
    }
    int n = (int) Math.min(len, end - (h + dataOff));
    // SMB1 pipes are recognised by their data: no tree types are tracked
    pipes.data(key, false, toServer, b, h + dataOff, n);
  }

  private void remember(int mid, SmbPipes.FileKey key) {
    pending.put(mid, key);
    if (pending.size() > MAX_PENDING) {
      pending.remove(pending.keySet().iterator().next());
    }
  }

  private static SmbPipes.FileKey key(int fid) {
    return new SmbPipes.FileKey(1, fid, 0);
  }
}
