package org.vigil.acquire.synthetic;

/**
 * One TCP connection between a client and a server: the three-way handshake, data in either
 * direction cut into full-sized segments and acknowledged by the other side, and the closing FINs.
 */
final class TcpConversation {
  private static final int MSS = 1448;

  private final Frames frames;
  private final int client;
  private final int server;
  private final int clientPort;
  private final int serverPort;
  private long clientSeq;
  private long serverSeq;

  TcpConversation(Frames frames, int client, int server, int clientPort, int serverPort, int isn) {
    this.frames = frames;
    this.client = client;
    this.server = server;
    this.clientPort = clientPort;
    this.serverPort = serverPort;
    this.clientSeq = isn & 0xffffffffL;
    this.serverSeq = (isn * 2_654_435_761L) & 0xffffffffL;
  }

  /** SYN, SYN-ACK, ACK. */
  TcpConversation open() {
    frames.tcp(client, server, clientPort, serverPort, clientSeq, 0, Frames.SYN, NONE, 0, 0);
    clientSeq++;
    frames.tcp(
        server,
        client,
        serverPort,
        clientPort,
        serverSeq,
        clientSeq,
        Frames.SYN | Frames.ACK,
        NONE,
        0,
        0);
    serverSeq++;
    ackFromClient();
    return this;
  }

  /** The client sends {@code data}; the server acknowledges it. */
  void client(byte[] data) {
    for (int off = 0; off < data.length; off += MSS) {
      int len = Math.min(MSS, data.length - off);
      frames.tcp(
          client,
          server,
          clientPort,
          serverPort,
          clientSeq,
          serverSeq,
          Frames.ACK | Frames.PSH,
          data,
          off,
          len);
      clientSeq += len;
    }
    frames.tcp(
        server, client, serverPort, clientPort, serverSeq, clientSeq, Frames.ACK, NONE, 0, 0);
  }

  /** The server sends {@code data}; the client acknowledges every second segment and the last. */
  void server(byte[] data) {
    int segments = 0;
    for (int off = 0; off < data.length; off += MSS) {
      int len = Math.min(MSS, data.length - off);
      frames.tcp(
          server,
          client,
          serverPort,
          clientPort,
          serverSeq,
          clientSeq,
          Frames.ACK | Frames.PSH,
          data,
          off,
          len);
      serverSeq += len;
      if (++segments % 2 == 0 || off + len >= data.length) {
        ackFromClient();
      }
    }
  }

  /** The client's FIN, the server's FIN-ACK, the client's last ACK. */
  void close() {
    frames.tcp(
        client,
        server,
        clientPort,
        serverPort,
        clientSeq,
        serverSeq,
        Frames.FIN | Frames.ACK,
        NONE,
        0,
        0);
    clientSeq++;
    frames.tcp(
        server,
        client,
        serverPort,
        clientPort,
        serverSeq,
        clientSeq,
        Frames.FIN | Frames.ACK,
        NONE,
        0,
        0);
    serverSeq++;
    ackFromClient();
  }

  private void ackFromClient() {
    frames.tcp(
        client, server, clientPort, serverPort, clientSeq, serverSeq, Frames.ACK, NONE, 0, 0);
  }

  private static final byte[] NONE = new byte[0];
}
