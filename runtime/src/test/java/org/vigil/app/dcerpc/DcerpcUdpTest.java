package org.vigil.app.dcerpc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.inspect.ZeekRun;
import org.vigil.testing.TcpConversation;

/**
 * DCE/RPC over UDP (connectionless) on hand-made captures: each expected "sid=pcap_cnt,..." list is
 * what Suricata 7.0.10 raised with the same rules on the same capture (bin/oracle).
 */
class DcerpcUdpTest {
  private static final String C = "10.0.0.1";
  private static final String S = "10.0.0.2";
  private static final String SRVSVC = "4b324fc8-1670-01d3-1278-5a47bf6ee188";
  private static final String ACT1 = "11111111-2222-3333-4444-555555555555";
  private static final String ACT2 = "66666666-2222-3333-4444-555555555555";

  private static final String RULES =
      """
      alert udp any any -> any any (msg:"stub req"; dce_stub_data; content:"STUBREQ1"; sid:1;)
      alert udp any any -> any any (msg:"stub rsp"; dce_stub_data; content:"STUBRSP1"; sid:2;)
      alert udp any any -> any any (msg:"iface"; dce_iface:%s; sid:3;)
      alert udp any any -> any any (msg:"opnum"; dce_opnum:15; sid:4;)
      alert udp any any -> any any (msg:"frag both"; dce_stub_data; content:"FRAGONE-FRAGTWO-"; sid:5;)
      alert udp any any -> any any (msg:"frag one"; dce_stub_data; content:"FRAGONE-"; sid:6;)
      alert udp any any -> any any (msg:"frag two"; dce_stub_data; content:"FRAGTWO-"; sid:7;)
      alert udp any any -> any any (msg:"bt 256"; dce_stub_data; byte_test:4,=,256,0,dce; sid:8;)
      alert udp any any -> any any (msg:"bt 65536"; dce_stub_data; byte_test:4,=,65536,0,dce; sid:9;)
      alert udp any any -> any any (msg:"short"; dce_stub_data; content:"SHORT"; sid:10;)
      alert udp any any -> any any (msg:"after"; dce_stub_data; content:"AFTERERR"; sid:11;)
      alert dcerpc any any -> any any (msg:"app dcerpc"; dce_stub_data; content:"STUB"; sid:12;)
      alert udp any any -> any any (msg:"rsp2"; dce_stub_data; content:"RESP2"; sid:13;)
      alert udp any any -> any any (msg:"stub any"; dce_stub_data; content:"|00|"; sid:14;)
      alert udp any any -> any any (msg:"iface+stub"; dce_iface:%s; dce_stub_data; content:"STUB"; sid:15;)
      alert dcerpc any any -> any any (msg:"proto only"; sid:16;)
      """
          .formatted(SRVSVC, SRVSVC);

  @TempDir Path dir;

  /** A wire UUID: its first three fields in the byte order given. */
  private static byte[] uuid(String s, boolean little) {
    byte[] b = HexFormat.of().parseHex(s.replace("-", ""));
    if (little) {
      swap(b, 0, 3);
      swap(b, 1, 2);
      swap(b, 4, 5);
      swap(b, 6, 7);
    }
    return b;
  }

  private static void swap(byte[] b, int i, int j) {
    byte t = b[i];
    b[i] = b[j];
    b[j] = t;
  }

  /** A connectionless PDU: 80-byte header then {@code body} ({@code fragLen} < 0: its length). */
  static byte[] pdu(
      int type,
      int flags,
      int opnum,
      int seq,
      String body,
      String activity,
      boolean little,
      int fragNum,
      int fragLen) {
    byte[] data = body.getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer h =
        ByteBuffer.allocate(80 + data.length)
            .order(little ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
    h.put(new byte[] {4, (byte) type, (byte) flags, 0, (byte) (little ? 0x10 : 0), 0, 0, 0});
    h.put(new byte[16]);
    h.put(uuid(SRVSVC, little));
    h.put(uuid(activity, true));
    h.putInt(0).putInt(3).putInt(seq);
    h.putShort((short) opnum).putShort((short) 0xffff).putShort((short) 0xffff);
    h.putShort((short) (fragLen < 0 ? data.length : fragLen)).putShort((short) fragNum);
    h.put(new byte[2]);
    h.put(data);
    return h.array();
  }

  static byte[] pdu(int type, int flags, int opnum, int seq, String body) {
    return pdu(type, flags, opnum, seq, body, ACT1, true, 0, -1);
  }

  private String run(TcpConversation capture, String name) throws IOException {
    Path pcap = capture.close(dir.resolve(name));
    Map<Long, List<String>> got = ZeekRun.alertsBySid(ZeekRun.runFile(dir, pcap, RULES));
    StringJoiner s = new StringJoiner("; ");
    got.forEach((sid, cnts) -> s.add(sid + "=" + String.join(",", cnts)));
    return s.toString();
  }

  @Test
  void callsOnPort135() throws IOException {
    TcpConversation t =
        TcpConversation.udpOnly()
            .udp(C, S, 40000, 135, pdu(0, 0x20, 15, 1, "STUBREQ1abcd"))
            .udp(S, C, 135, 40000, pdu(2, 0, 15, 1, "STUBRSP1efgh"))
            .udp(C, S, 40000, 135, pdu(0, 0x04, 16, 2, "FRAGONE-"))
            .udp(C, S, 40000, 135, pdu(0, 0x06, 16, 2, "FRAGTWO-", ACT1, true, 1, -1))
            .udp(S, C, 135, 40000, pdu(2, 0, 16, 2, "RESP2"))
            .udp(C, S, 40000, 135, pdu(0, 0, 17, 3, "\0\0\1\0BIGE", ACT2, false, 0, -1))
            .udp(C, S, 40000, 135, pdu(0, 0, 17, 4, "\0\0\1\0LITE", ACT2, true, 0, -1))
            .udp(C, S, 40000, 135, pdu(0, 0, 18, 5, "SHORTSTUB", ACT1, true, 0, 100))
            .udp(C, S, 40000, 135, pdu(0, 0, 19, 6, "AFTERERR"));
    // no dce_iface nor dce_opnum over UDP; a fragment's call alerts once per direction; byte_test
    // dce reads little endian once a little-endian stub was inspected on the flow;
    // the datagram whose body is short is passed over, the next parsed
    assertEquals(
        "1=1; 2=2; 5=4; 6=3; 7=4; 9=6,7; 11=9; 12=1,2; 13=5; 14=6,7; 16=1,2,3,4,5,6,7,8,9",
        run(t, "cl135.pcap"));
  }

  @Test
  void anyPortAndOnlyARequestFirst() throws IOException {
    TcpConversation other =
        TcpConversation.udpOnly()
            .udp(C, S, 40001, 5555, pdu(0, 0, 15, 1, "STUBREQ1abcd"))
            .udp(S, C, 5555, 40001, pdu(2, 0, 15, 1, "STUBRSP1efgh"));
    assertEquals("1=1; 2=2; 12=1,2; 16=1,2", run(other, "cl5555.pcap"));
    // a flow opened by a response is not detected, whatever follows
    TcpConversation responseFirst =
        TcpConversation.udpOnly()
            .udp(S, C, 135, 40003, pdu(2, 0, 15, 1, "STUBRSP1efgh"))
            .udp(C, S, 40003, 135, pdu(0, 0, 15, 1, "STUBREQ1abcd"));
    assertEquals("", run(responseFirst, "clrespfirst.pcap"));
  }
}
