package org.vigil.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.vigil.app.ftp.FtpProtocol;
import org.vigil.app.smb.SmbProtocol;
import org.vigil.app.ssh.SshProtocol;
import org.vigil.app.tls.TlsProtocol;

class ProtocolDetectionTest {
  /** Records what a layer was given, per direction. */
  private static final class Recorder implements AppLayer {
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

  /** A registered protocol's probe whose layers are recorders handed to {@code made}. */
  private record Recording(AppProtocol real, Consumer<Recorder> made) implements AppProtocol {
    @Override
    public String name() {
      return real.name();
    }

    @Override
    public int order() {
      return real.order();
    }

    @Override
    public int probeBytes() {
      return real.probeBytes();
    }

    @Override
    public int probe(boolean toServer, byte[] b, int off, int len, int serverPort) {
      return real.probe(toServer, b, off, len, serverPort);
    }

    @Override
    public boolean followsUnknownServer() {
      return real.followsUnknownServer();
    }

    @Override
    public AppLayer newLayer(AppContext context) {
      Recorder r = new Recorder();
      made.accept(r);
      return r;
    }
  }

  private static AppContext context(int serverPort) {
    return new AppContext(new byte[4], serverPort, null, null, null);
  }

  private final Recorder http = new Recorder();
  private Recorder ssh;
  private Recorder tls;
  private Recorder ftp;
  private final ProtocolDetection d =
      new ProtocolDetection(
          List.of(
              new Recording(new SshProtocol(), r -> ssh = r),
              new Recording(new TlsProtocol(), r -> tls = r),
              new Recording(new FtpProtocol(), r -> ftp = r)),
          http,
          context(-1));

  private void send(boolean toServer, String s) {
    byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
    d.onData(toServer, b, 0, b.length);
  }

  @Test
  void aNetbiosSessionMessageWithSmbMagicMakesTheFlowSmb() {
    Recorder[] smb = new Recorder[1];
    Recorder web = new Recorder();
    ProtocolDetection p =
        new ProtocolDetection(
            List.of(
                new Recording(new SshProtocol(), r -> {}),
                new Recording(new TlsProtocol(), r -> {}),
                new Recording(new FtpProtocol(), r -> {}),
                new Recording(new SmbProtocol(), r -> smb[0] = r)),
            web,
            context(445));
    byte[] negotiate = {0, 0, 0, 0x44, (byte) 0xFE, 'S', 'M', 'B', 0x40, 0};
    p.onData(true, negotiate, 0, 6); // split inside the magic: detection waits for it
    p.onData(true, negotiate, 6, negotiate.length - 6);
    assertSame(smb[0], p.current());
    assertEquals(
        negotiate.length, smb[0].toServer.size(), "the bytes seen while detecting are handed over");
    p.onData(true, negotiate, 0, negotiate.length);
    assertEquals(6, web.toServer.size(), "HTTP saw only what came before the choice");
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

  private void sendBytes(boolean toServer, int... v) {
    byte[] b = new byte[v.length];
    for (int i = 0; i < v.length; i++) {
      b[i] = (byte) v[i];
    }
    d.onData(toServer, b, 0, b.length);
  }

  @Test
  void aClientHandshakeRecordHeaderMakesTheFlowTlsOnAnyPortEvenSplit() {
    sendBytes(true, 0x16, 0x03);
    sendBytes(true, 0x01, 0x00, 0x05);
    assertSame(tls, d.current());
    assertEquals(
        5, tls.toServer.size(), "the bytes probed before the choice are handed to TLS too");
    assertNull(ssh);
    sendBytes(true, 0x01);
    assertEquals(6, tls.toServer.size());
    assertEquals(2, http.toServer.size(), "HTTP saw only what came before the choice");
  }

  @Test
  void aServerAlertRecordFirstIsTlsButAClientAlertIsNot() {
    sendBytes(true, 0x15, 0x03, 0x01, 0x00, 0x02);
    assertNull(tls);
    sendBytes(false, 0x15, 0x03, 0x01, 0x00, 0x02);
    assertNull(tls, "the client sent data first: not TLS");
    assertSame(http, d.current());
  }

  @Test
  void anUnknownRecordVersionIsNotTls() {
    sendBytes(true, 0x16, 0x03, 0x04, 0x00, 0x05);
    assertNull(tls);
    assertSame(http, d.current());
  }

  @Test
  void anFtpCommandAfterAnUnknownBannerMakesTheFlowFtp() {
    send(false, "220 Welcome\r\n");
    send(true, "feat\r\n");
    assertSame(ftp, d.current());
    assertEquals("feat\r\n", ftp.text(true));
    assertEquals("220 Welcome\r\n", http.text(false));
  }

  @Test
  void aServerGreetingWithParenthesisMakesTheFlowFtp() {
    send(false, "220 (vsFTPd 3.0.3)\r\n");
    assertSame(ftp, d.current());
  }

  @Test
  void anHttpRequestIsNotFtp() {
    send(true, "GET / HTTP/1.0\r\n\r\n");
    send(false, "220 (x)\r\n");
    assertNull(ftp);
    assertSame(http, d.current());
  }

  @Test
  void theRegistryTriesTheServiceFileProtocolsInOrderWithHttpAsFallback() {
    AppLayers layers = AppLayers.defaults();
    assertEquals(
        List.of(
            "ssh", "tls", "ftp", "smtp", "dns", "smb", "dcerpc", "rdp", "rfb", "http", "ftp-data"),
        layers.protocols().stream().map(AppProtocol::name).toList());
  }
}
