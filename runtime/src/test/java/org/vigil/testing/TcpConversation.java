package org.vigil.testing;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes hand-made captures of one TCP conversation (Ethernet, IPv4): a handshake, segments each
 * acknowledged by the peer's pure ACK, and a FIN exchange; also lone UDP datagrams. Packet numbers
 * (pcap_cnt) follow: the handshake is 1-3, each {@link #client}/{@link #server} call adds two.
 */
public final class TcpConversation {
  private final PcapWriter pcap = PcapWriter.pcap(1);
  private final String cli;
  private final String srv;
  private final int sport;
  private final int dport;
  private int cseq = 1000;
  private int sseq = 5000;
  private long ts = 1_000_000;

  /** A conversation from {@code cli}:40000 to {@code srv}:{@code dport}, its handshake written. */
  public TcpConversation(String cli, String srv, int dport) {
    this.cli = cli;
    this.srv = srv;
    this.sport = 40000;
    this.dport = dport;
    seg(true, 0, PacketBuilder.SYN, new byte[0]);
    cseq++;
    seg(false, cseq, PacketBuilder.SYN | PacketBuilder.ACK, new byte[0]);
    sseq++;
    seg(true, sseq, PacketBuilder.ACK, new byte[0]);
  }

  /** A capture of lone UDP datagrams only. */
  public static TcpConversation udpOnly() {
    return new TcpConversation();
  }

  private TcpConversation() {
    cli = srv = null;
    sport = dport = 0;
  }

  private void seg(boolean fromClient, int ack, int flags, byte[] data) {
    byte[] t =
        fromClient
            ? PacketBuilder.tcp(sport, dport, cseq, ack, flags, data)
            : PacketBuilder.tcp(dport, sport, sseq, ack, flags, data);
    frame(PacketBuilder.ipv4(fromClient ? cli : srv, fromClient ? srv : cli, 6, t));
  }

  private void frame(byte[] ip) {
    ts += 1000;
    pcap.packet(ts, PacketBuilder.ethernet(0x0800, ip));
  }

  /** The client sends {@code data}; the server acknowledges it. */
  public TcpConversation client(byte[] data) {
    seg(true, sseq, PacketBuilder.PSH | PacketBuilder.ACK, data);
    cseq += data.length;
    seg(false, cseq, PacketBuilder.ACK, new byte[0]);
    return this;
  }

  /** The server sends {@code data}; the client acknowledges it. */
  public TcpConversation server(byte[] data) {
    seg(false, cseq, PacketBuilder.PSH | PacketBuilder.ACK, data);
    sseq += data.length;
    seg(true, sseq, PacketBuilder.ACK, new byte[0]);
    return this;
  }

  /** One UDP datagram from {@code src}:40000 to {@code dst}:{@code port}. */
  public TcpConversation udp(String src, String dst, int port, byte[] data) {
    frame(PacketBuilder.ipv4(src, dst, 17, PacketBuilder.udp(40000, port, data)));
    return this;
  }

  /** One UDP datagram from {@code src}:{@code sport} to {@code dst}:{@code dport}. */
  public TcpConversation udp(String src, String dst, int sport, int dport, byte[] data) {
    frame(PacketBuilder.ipv4(src, dst, 17, PacketBuilder.udp(sport, dport, data)));
    return this;
  }

  /** Closes the conversation (FIN, FIN, ACK) and writes the capture to {@code file}. */
  public Path close(Path file) throws IOException {
    if (cli != null) {
      seg(true, sseq, PacketBuilder.FIN | PacketBuilder.ACK, new byte[0]);
      cseq++;
      seg(false, cseq, PacketBuilder.FIN | PacketBuilder.ACK, new byte[0]);
      sseq++;
      seg(true, sseq, PacketBuilder.ACK, new byte[0]);
    }
    return pcap.write(file);
  }
}
