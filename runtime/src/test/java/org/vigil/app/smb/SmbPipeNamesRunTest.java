package org.vigil.app.smb;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vigil.inspect.ZeekRun;
import org.vigil.testing.TcpConversation;

/**
 * Which SMB2 named pipe data is DCE/RPC, on hand-made conversations (tree connect, CREATE of a pipe
 * name, then a bind, bind_ack, request and response over WRITE, READ and IOCTL): each expected
 * "sid=pcap_cnt,..." list is what Suricata 7.0.10 raised with the same rules on the same capture
 * (bin/oracle).
 */
class SmbPipeNamesRunTest {
  private static final byte[] BIND =
      hex(
          "05000b03100000007400000001000000d016d016000000000200000000000100aa622b5d0aee954a91aeb064"
              + "fdb471fc01000000045d888aeb1cc9119fe808002b1048600200000001000100aa622b5d0aee954a91ae"
              + "b064fdb471fc010000002c1cb76c12984045030000000000000001000000");
  private static final byte[] BIND_ACK =
      hex(
          "05000c03100000005400000001000000d016d0163230343605003939373836000200000000000000045d88"
              + "8aeb1cc9119fe808002b10486002000000030003000000000000000000000000000000000000000000");
  private static final byte[] REQUEST =
      hex("05000003100000001c00000001000000040000000000040002000000");
  private static final byte[] RESPONSE =
      hex("050002031000000024000000010000000c000000000000000400000010000000c0e14a00");

  private static final String RULES =
      """
      alert smb any any -> any any (msg:"iface opnum"; dce_iface:5d2b62aa-ee0a-4a95-91ae-b064fdb471fc; dce_opnum:4; sid:1;)
      alert smb any any -> any any (msg:"req stub"; dce_stub_data; content:"|02 00 00 00|"; sid:2;)
      alert smb any any -> any any (msg:"rsp stub"; dce_stub_data; content:"|10 00 00 00 c0 e1 4a 00|"; sid:3;)
      alert tcp any any -> any any (msg:"opnum tcp"; dce_opnum:4; sid:4;)
      """;

  private static final byte[] F1 = fid(0x11, 0x22);
  private static final byte[] F2 = fid(0x33, 0x44);

  @TempDir Path dir;

  /** One message of the conversation and its direction. */
  private record Step(boolean toServer, byte[] msg) {}

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        // a pipe of a DCE/RPC service: the bind, the request in both directions, the response
        "s1_named|1=21,23; 2=23; 4=21,23",
        // a pipe of a service Suricata does not take for DCE/RPC, or of no name: nothing
        "s2_unknown_name|none",
        "s3_no_create|none",
        "s12_create_fail|none",
        // names are case sensitive; one leading backslash does not count
        "s7_upper|none",
        "s8_backslash|1=21,23; 2=23; 4=21,23",
        // no tree connect seen (or only its response): the data that looks like DCE/RPC decides
        "s4_nothing|1=13,15; 2=15; 4=13,15",
        "s6_tree_resp_only|1=15,17; 2=17; 4=15,17",
        "s10_create_no_tree|1=17,19; 2=19; 4=17,19",
        // the tree the data made a pipe share: another file of it has no DCE/RPC name
        "s11_probe_then_other|1=13,15; 2=15; 4=13,15",
        // data written first that is not DCE/RPC makes the file a transfer (its bind is lost);
        // the read and the named transceive are DCE/RPC
        "s5_file_first|2=21; 4=19,21",
        // a disk share: writes and reads are the file's, a transceive goes by the name
        "s9_disk_share|2=23; 4=21,23",
        // the response's output is read right after the fixed part (not at its offset, 8 bytes
        // further in the other captures): its stub to the client
        "s13_response_at_48|1=21,23; 2=23; 3=25; 4=21,23",
      })
  void pipesAsSuricata(String scenario, String expected) throws IOException {
    List<Step> steps =
        switch (scenario) {
          case "s1_named" -> concat(tree(1, 7, 2), create(2, 7, "srvsvc", F1), rpc(F1, 3, 7));
          case "s2_unknown_name" ->
              concat(tree(1, 7, 2), create(2, 7, "netlogon", F1), rpc(F1, 3, 7));
          case "s3_no_create" -> concat(tree(1, 7, 2), rpc(F1, 3, 7));
          case "s4_nothing" -> rpc(F1, 3, 7);
          case "s5_file_first" ->
              concat(
                  create(2, 7, "srvsvc", F1),
                  List.of(
                      new Step(
                          true,
                          smb2(
                              9,
                              false,
                              9,
                              7,
                              write(F1, "junk data not dcerpc....".getBytes()),
                              0))),
                  rpc(F1, 10, 7));
          case "s6_tree_resp_only" ->
              concat(
                  List.of(new Step(false, smb2(3, true, 1, 7, treeResponse(2), 0))), rpc(F1, 3, 7));
          case "s7_upper" -> concat(tree(1, 7, 2), create(2, 7, "SRVSVC", F1), rpc(F1, 3, 7));
          case "s8_backslash" -> concat(tree(1, 7, 2), create(2, 7, "\\lsarpc", F1), rpc(F1, 3, 7));
          case "s9_disk_share" -> concat(tree(1, 7, 1), create(2, 7, "srvsvc", F1), rpc(F1, 3, 7));
          case "s10_create_no_tree" -> concat(create(2, 7, "srvsvc", F1), rpc(F1, 3, 7));
          case "s11_probe_then_other" -> concat(rpc(F1, 3, 7), rpc(F2, 20, 7));
          case "s12_create_fail" ->
              concat(
                  tree(1, 7, 2),
                  List.of(
                      new Step(true, smb2(5, false, 2, 7, createRequest("srvsvc"), 0)),
                      new Step(false, smb2(5, true, 2, 7, new byte[9], 0xc0000034))),
                  rpc(F1, 3, 7));
          case "s13_response_at_48" -> {
            List<Step> l = concat(tree(1, 7, 2), create(2, 7, "srvsvc", F1), rpc(F1, 3, 7));
            l.set(l.size() - 1, new Step(false, smb2(11, true, 5, 7, ioctlResponse48(F1), 0)));
            yield l;
          }
          default -> throw new IllegalArgumentException(scenario);
        };
    TcpConversation c = new TcpConversation("10.0.0.1", "10.0.0.2", 445);
    for (Step s : steps) {
      if (s.toServer()) {
        c.client(nbss(s.msg()));
      } else {
        c.server(nbss(s.msg()));
      }
    }
    Path pcap = c.close(dir.resolve(scenario + ".pcap"));
    Map<Long, List<String>> got = ZeekRun.alertsBySid(ZeekRun.runFile(dir, pcap, RULES));
    StringJoiner s = new StringJoiner("; ");
    got.forEach((sid, cnts) -> s.add(sid + "=" + String.join(",", cnts)));
    assertEquals(expected.equals("none") ? "" : expected, s.toString());
  }

  @SafeVarargs
  private static List<Step> concat(List<Step>... parts) {
    List<Step> out = new ArrayList<>();
    for (List<Step> p : parts) {
      out.addAll(p);
    }
    return out;
  }

  private static List<Step> tree(long mid, int tree, int shareType) {
    String path = shareType == 2 ? "\\\\srv\\IPC$" : "\\\\srv\\C$";
    return List.of(
        new Step(true, smb2(3, false, mid, 0, treeRequest(path), 0)),
        new Step(false, smb2(3, true, mid, tree, treeResponse(shareType), 0)));
  }

  private static List<Step> create(long mid, int tree, String name, byte[] file) {
    return List.of(
        new Step(true, smb2(5, false, mid, tree, createRequest(name), 0)),
        new Step(false, smb2(5, true, mid, tree, createResponse(file), 0)));
  }

  private static List<Step> rpc(byte[] f, long mid, int tree) {
    byte[] writeResponse = new byte[17];
    writeResponse[0] = 17;
    return List.of(
        new Step(true, smb2(9, false, mid, tree, write(f, BIND), 0)),
        new Step(false, smb2(9, true, mid, tree, writeResponse, 0)),
        new Step(true, smb2(8, false, mid + 1, tree, readRequest(f), 0)),
        new Step(false, smb2(8, true, mid + 1, tree, readResponse(BIND_ACK), 0)),
        new Step(true, smb2(11, false, mid + 2, tree, ioctl(false, f, REQUEST), 0)),
        new Step(false, smb2(11, true, mid + 2, tree, ioctl(true, f, RESPONSE), 0)));
  }

  private static ByteBuffer le(int n) {
    return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static byte[] fid(long persistent, long volatileId) {
    return le(16).putLong(persistent).putLong(volatileId).array();
  }

  private static byte[] nbss(byte[] msg) {
    byte[] b = new byte[msg.length + 4];
    b[1] = (byte) (msg.length >> 16);
    b[2] = (byte) (msg.length >> 8);
    b[3] = (byte) msg.length;
    System.arraycopy(msg, 0, b, 4, msg.length);
    return b;
  }

  private static byte[] smb2(
      int command, boolean response, long messageId, int tree, byte[] body, int status) {
    ByteBuffer h = le(64 + body.length);
    h.put(new byte[] {(byte) 0xFE, 'S', 'M', 'B'});
    h.putShort(4, (short) 64);
    h.putInt(8, status);
    h.putShort(12, (short) command);
    h.putInt(16, response ? 1 : 0);
    h.putLong(24, messageId);
    h.putInt(36, tree);
    h.putLong(40, 0x4242);
    h.position(64);
    h.put(body);
    return h.array();
  }

  private static byte[] treeRequest(String path) {
    byte[] n = path.getBytes(StandardCharsets.UTF_16LE);
    ByteBuffer b = le(8 + n.length);
    b.putShort((short) 9).putShort((short) 0).putShort((short) (64 + 8)).putShort((short) n.length);
    b.put(n);
    return b.array();
  }

  private static byte[] treeResponse(int shareType) {
    ByteBuffer b = le(16);
    b.putShort(0, (short) 16);
    b.put(2, (byte) shareType);
    return b.array();
  }

  private static byte[] createRequest(String name) {
    byte[] n = name.getBytes(StandardCharsets.UTF_16LE);
    ByteBuffer b = le(56 + n.length);
    b.putShort(0, (short) 57);
    b.putInt(24, 0x0012019f);
    b.putInt(36, 1);
    b.putShort(44, (short) (64 + 56));
    b.putShort(46, (short) n.length);
    b.position(56);
    b.put(n);
    return b.array();
  }

  private static byte[] createResponse(byte[] file) {
    ByteBuffer b = le(88);
    b.putShort(0, (short) 89);
    b.putInt(4, 1);
    b.position(64);
    b.put(file);
    return b.array();
  }

  private static byte[] write(byte[] f, byte[] data) {
    ByteBuffer b = le(48 + data.length);
    b.putShort(0, (short) 49);
    b.putShort(2, (short) (64 + 48));
    b.putInt(4, data.length);
    b.position(16);
    b.put(f);
    b.position(48);
    b.put(data);
    return b.array();
  }

  private static byte[] readRequest(byte[] f) {
    ByteBuffer b = le(49);
    b.putShort(0, (short) 49);
    b.putInt(4, 1024);
    b.position(16);
    b.put(f);
    return b.array();
  }

  private static byte[] readResponse(byte[] data) {
    ByteBuffer b = le(16 + data.length);
    b.putShort(0, (short) 17);
    b.put(2, (byte) (64 + 16));
    b.putInt(4, data.length);
    b.position(16);
    b.put(data);
    return b.array();
  }

  private static byte[] ioctl(boolean response, byte[] f, byte[] data) {
    ByteBuffer b = le(56 + data.length);
    b.putShort(0, (short) (response ? 49 : 57));
    b.putInt(4, 0x0011C017);
    b.position(8);
    b.put(f);
    if (response) {
      b.putInt(32, 64 + 56);
      b.putInt(36, data.length);
    } else {
      b.putInt(24, 64 + 56);
      b.putInt(28, data.length);
    }
    b.position(56);
    b.put(data);
    return b.array();
  }

  /** An IOCTL response as servers send it: the output right after the 48-byte fixed part. */
  private static byte[] ioctlResponse48(byte[] f) {
    ByteBuffer b = le(48 + RESPONSE.length);
    b.putShort(0, (short) 49);
    b.putInt(4, 0x0011C017);
    b.position(8);
    b.put(f);
    b.putInt(32, 64 + 48);
    b.putInt(36, RESPONSE.length);
    b.position(48);
    b.put(RESPONSE);
    return b.array();
  }

  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }
}
