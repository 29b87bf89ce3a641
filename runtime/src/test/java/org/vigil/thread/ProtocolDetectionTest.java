package org.vigil.thread;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProtocolDetectionTest {
  /** Records what a handler was given, per direction. */
  private static final class Recorder implements AppLayerHandler {
    final ByteArrayOutputStream toServer = new ByteArrayOutputStream();
    final ByteArrayOutputStream toClient = new ByteArrayOutputStream();
    int gaps;

    @Override
    public void onData(boolean ts, byte[] buf, int off, int len) {
      (ts ? toServer : toClient).write(buf, off, len);
    }

    @Override
    public void onGap(boolean ts, long length) {
      gaps++;
    }

    @Override
    public void onClose(boolean ts) {}

    String text(boolean ts) {
      return (ts ? toServer : toClient).toString(StandardCharsets.ISO_8859_1);
    }
  }

  private final Recorder http = new Recorder();
  private Recorder ssh;
  private final ProtocolDetection d = new ProtocolDetection(http, () -> ssh = new Recorder());

  private void send(boolean toServer, String s) {
    byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
    d.onData(toServer, b, 0, b.length);
  }

  @Test
  void aServerBannerFirstMakesTheFlowSshOnAnyPort() {
    send(false, "SSH-2.0-OpenSSH_7.5\r\n");
    send(true, "SSH-2.0-OpenSSH_7.4\r\n");
    assertSame(ssh, d.current());
    assertEquals("SSH-2.0-OpenSSH_7.5\r\n", ssh.text(false));
    assertEquals("SSH-2.0-OpenSSH_7.4\r\n", ssh.text(true));
    assertEquals("", http.text(true) + http.text(false));
  }

  @Test
  void aBannerStartSplitOverSegmentsIsHandedWhole() {
    send(true, "SS");
    send(true, "h-2.0-x\r\n");
    assertSame(ssh, d.current());
    assertEquals("SSh-2.0-x\r\n", ssh.text(true));
  }

  @Test
  void anHttpRequestFirstKeepsHttpEvenIfTheServerAnswersSsh() {
    send(true, "GET / HTTP/1.1\r\nHost: a\r\n\r\n");
    send(false, "SSH-2.0-OpenSSH\r\n");
    assertNull(ssh);
    assertSame(http, d.current());
    assertEquals("GET / HTTP/1.1\r\nHost: a\r\n\r\n", http.text(true));
    assertEquals("SSH-2.0-OpenSSH\r\n", http.text(false));
  }

  @Test
  void otherDataFirstRulesSshOut() {
    send(false, "Welcome!\r\n");
    send(true, "SSH-2.0-c\r\n");
    assertNull(ssh);
    send(true, "x");
    assertEquals("SSH-2.0-c\r\nx", http.text(true));
  }

  @Test
  void aGapBeforeDetectionRulesSshOut() {
    d.onGap(true, 10);
    send(false, "SSH-2.0-s\r\n");
    assertNull(ssh);
    assertEquals(1, http.gaps);
  }
}
