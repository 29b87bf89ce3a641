package org.vigil.stream;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Test-only consumer recording what the app layer and raw inspection see; gaps are written as '_'
 * runs.
 */
final class Recorder implements StreamConsumer, RawInspector {
  final StringBuilder toServer = new StringBuilder();
  final StringBuilder toClient = new StringBuilder();
  final ByteArrayOutputStream toServerBytes = new ByteArrayOutputStream();
  final ByteArrayOutputStream toClientBytes = new ByteArrayOutputStream();
  final List<String> calls = new ArrayList<>();
  final List<RawChunk> chunks = new ArrayList<>();
  final List<String> chunkText = new ArrayList<>();
  final StringBuilder rawNewToServer = new StringBuilder();
  int closes;
  long rawEndToServer;

  @Override
  public void onData(boolean dir, byte[] buf, int off, int len) {
    String s = new String(buf, off, len, java.nio.charset.StandardCharsets.ISO_8859_1);
    (dir ? toServer : toClient).append(s);
    (dir ? toServerBytes : toClientBytes).write(buf, off, len);
    calls.add((dir ? ">" : "<") + s);
  }

  @Override
  public void onGap(boolean dir, long length) {
    (dir ? toServer : toClient).append("_".repeat((int) length));
    calls.add((dir ? ">" : "<") + "gap" + length);
  }

  @Override
  public void onClose(boolean dir) {
    closes++;
    calls.add((dir ? ">" : "<") + "close");
  }

  @Override
  public void inspect(RawChunk c) {
    chunks.add(
        new RawChunk(
            c.toServer(), c.streamOffset(), c.bytes(), 0, c.len(), c.newStart(), c.afterGap()));
    String s = new String(c.buf(), c.off(), c.len(), java.nio.charset.StandardCharsets.ISO_8859_1);
    chunkText.add(s);
    if (c.toServer()) {
      long newOffset = c.streamOffset() + c.newStart();
      rawNewToServer.append("_".repeat((int) (newOffset - rawEndToServer)));
      rawNewToServer.append(s.substring(c.newStart()));
      rawEndToServer = c.streamOffset() + c.len();
    }
  }
}
