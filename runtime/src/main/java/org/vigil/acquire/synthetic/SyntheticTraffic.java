package org.vigil.acquire.synthetic;

import java.util.Random;

/**
 * A mix of typical conversations as Ethernet frames: half HTTP (keep-alive, one to three
 * transactions, ports 80 and 8080), then TLS, DNS, SSH, SMTP, FTP and other TCP and UDP, between
 * clients of 10.0.0.0/8 and servers of the documentation networks. The same {@code seed} gives the
 * same frames.
 */
public final class SyntheticTraffic {
  private final Frames frames;
  private final Random random;
  private final HttpExchanges http;
  private final Messages messages;

  private SyntheticTraffic(FrameSink sink, long startNanos, long seed) {
    this.frames = new Frames(sink, startNanos);
    this.random = new Random(seed);
    this.http = new HttpExchanges(random);
    this.messages = new Messages(random);
  }

  /**
   * Hands the frames of {@code flows} conversations to {@code sink}, the first stamped just after
   * {@code startNanos}.
   *
   * @return the frames written
   */
  public static long write(int flows, long startNanos, long seed, FrameSink sink) {
    SyntheticTraffic t = new SyntheticTraffic(sink, startNanos, seed);
    for (int i = 0; i < flows; i++) {
      t.flow(i);
    }
    return t.frames.count();
  }

  private void flow(int i) {
    int client = 0x0a000000 | (1 + random.nextInt(0xfffffe));
    int server = new int[] {0xc0000200, 0xc6336400, 0xcb007100}[i % 3] | (1 + random.nextInt(254));
    int port = 1024 + random.nextInt(64_000);
    switch (i % 20) {
      case 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 -> http(client, server, port, i % 5 == 4 ? 8080 : 80);
      case 10, 11, 12 -> tls(client, server, port);
      case 13, 14, 15 -> dns(client, port);
      case 16 -> ssh(client, server, port);
      case 17 -> smtp(client, server, port);
      case 18 -> ftp(client, server, port);
      default -> other(client, server, port);
    }
  }

  private TcpConversation tcp(int client, int server, int port, int serverPort) {
    return new TcpConversation(frames, client, server, port, serverPort, random.nextInt()).open();
  }

  private void http(int client, int server, int port, int serverPort) {
    TcpConversation c = tcp(client, server, port, serverPort);
    for (int n = 1 + random.nextInt(3); n > 0; n--) {
      c.client(http.request());
      c.server(http.response());
    }
    c.close();
  }

  private void tls(int client, int server, int port) {
    TcpConversation c = tcp(client, server, port, 443);
    c.client(messages.clientHello(messages.name()));
    c.server(messages.serverHello());
    c.client(messages.encrypted(100 + random.nextInt(400)));
    c.server(messages.encrypted(200 + random.nextInt(3000)));
    c.close();
  }

  private void dns(int client, int port) {
    int resolver = 0xc0000235;
    for (int n = 1 + random.nextInt(2); n > 0; n--) {
      int id = random.nextInt(0x10000);
      String name = messages.name();
      frames.udp(client, resolver, port, 53, messages.dns(id, name, false));
      frames.udp(resolver, client, 53, port, messages.dns(id, name, true));
    }
  }

  private void ssh(int client, int server, int port) {
    TcpConversation c = tcp(client, server, port, 22);
    c.server(messages.sshBanner(true));
    c.client(messages.sshBanner(false));
    c.client(messages.sshPacket());
    c.server(messages.sshPacket());
    c.close();
  }

  private void smtp(int client, int server, int port) {
    TcpConversation c = tcp(client, server, port, 25);
    c.server(Messages.text("220 mail.example.com ESMTP Postfix\r\n"));
    c.client(Messages.text("EHLO client.example.net\r\n"));
    c.server(Messages.text("250-mail.example.com\r\n250-SIZE 10240000\r\n250 8BITMIME\r\n"));
    c.client(Messages.text("MAIL FROM:<a@example.net>\r\n"));
    c.server(Messages.text("250 2.1.0 Ok\r\n"));
    c.client(Messages.text("RCPT TO:<b@example.com>\r\n"));
    c.server(Messages.text("250 2.1.5 Ok\r\n"));
    c.client(Messages.text("DATA\r\n"));
    c.server(Messages.text("354 End data with <CR><LF>.<CR><LF>\r\n"));
    c.client(
        Messages.text(
            "From: a@example.net\r\nTo: b@example.com\r\nSubject: invoice "
                + random.nextInt(10_000)
                + "\r\nMIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nPlease find the"
                + " invoice attached.\r\n.\r\n"));
    c.server(Messages.text("250 2.0.0 Ok: queued\r\n"));
    c.client(Messages.text("QUIT\r\n"));
    c.server(Messages.text("221 2.0.0 Bye\r\n"));
    c.close();
  }

  private void ftp(int client, int server, int port) {
    TcpConversation c = tcp(client, server, port, 21);
    c.server(Messages.text("220 ProFTPD 1.3.5 Server ready.\r\n"));
    c.client(Messages.text("USER anonymous\r\n"));
    c.server(Messages.text("331 Password required\r\n"));
    c.client(Messages.text("PASS guest@example.net\r\n"));
    c.server(Messages.text("230 User logged in\r\n"));
    c.client(Messages.text("CWD /pub\r\n"));
    c.server(Messages.text("250 CWD command successful\r\n"));
    c.client(Messages.text("QUIT\r\n"));
    c.server(Messages.text("221 Goodbye.\r\n"));
    c.close();
  }

  private void other(int client, int server, int port) {
    byte[] data = new byte[20 + random.nextInt(500)];
    random.nextBytes(data);
    if (random.nextBoolean()) {
      TcpConversation c = tcp(client, server, port, new int[] {445, 3389, 8443, 6667}[port & 3]);
      c.client(data);
      c.server(data);
      c.close();
    } else {
      int to = new int[] {123, 161, 137, 5060}[port & 3];
      frames.udp(client, server, port, to, data);
      frames.udp(server, client, to, port, data);
    }
  }
}
