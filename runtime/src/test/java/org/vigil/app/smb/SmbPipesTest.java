package org.vigil.app.smb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.app.AppControl;
import org.vigil.app.AppTransaction;
import org.vigil.app.AppUnit;
import org.vigil.detect.api.Buffers;
import org.vigil.detect.api.DceState;

/**
 * DCE/RPC over SMB named pipes: hand-made SMB2 and SMB1 conversations carrying the bind, bind_ack,
 * request and response of suricata-verify's dcerpc-issue-7187-01 give units with the call's state
 * and stub data, in the direction each was sent.
 */
class SmbPipesTest {
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

  private final List<AppUnit> units = new ArrayList<>();

  @Test
  void smb2WriteReadAndTransceiveOnAPipeShare() {
    SmbLayer smb = new SmbLayer(NO_CONTROL);
    send(smb, false, nbss(smb2(3, true, 1, 7, treeConnectResponse())));
    send(smb, true, nbss(smb2(9, false, 2, 7, write(BIND))));
    send(smb, true, nbss(smb2(8, false, 3, 7, readRequest())));
    send(smb, false, nbss(smb2(8, true, 3, 7, readResponse(BIND_ACK))));
    send(smb, true, nbss(smb2(11, false, 4, 7, ioctl(false, REQUEST))));
    send(smb, false, nbss(smb2(11, true, 4, 7, ioctl(true, RESPONSE))));
    pull(smb);
    assertEquals(3, units.size(), "the request in both directions, the response");
    AppUnit req = units.get(0);
    assertTrue(req.toServer());
    byte[] state = buffer(req, Buffers.DCE_STATE);
    assertEquals(4, state[DceState.OPNUM + 1]);
    assertEquals(
        DceState.IFACE_ACCEPTED | DceState.FIRST_FRAG,
        state[DceState.FLAGS],
        "bound over the pipe");
    assertArrayEquals(hex("02000000"), buffer(req, Buffers.DCE_STUB_DATA));
    assertFalse(units.get(2).toServer());
    assertEquals(RESPONSE.length - 24, buffer(units.get(2), Buffers.DCE_STUB_DATA).length);
  }

  @Test
  void smb2DataOnAnUnknownTreeIsDcerpcWhenItLooksLikeIt() {
    SmbLayer smb = new SmbLayer(NO_CONTROL);
    // the first data of the file is not DCE/RPC: the file is a transfer, its later data too
    send(smb, true, nbss(smb2(9, false, 2, 9, write("not dcerpc at all, a file".getBytes()))));
    send(smb, true, nbss(smb2(9, false, 3, 9, write(REQUEST))));
    pull(smb);
    // the second write overlaps the first: only that event's unit, no DCE/RPC
    assertEquals(1, units.size(), "a file transfer's data");
    assertNull(buffer(units.get(0), Buffers.DCE_STATE));
    byte[] events = buffer(units.get(0), Buffers.APP_EVENTS);
    int overlap = org.vigil.detect.api.AppEvents.id("smb.file_overlap");
    assertTrue((events[overlap >>> 3] & (1 << (overlap & 7))) != 0, "file_overlap");
    units.clear();
    SmbLayer other = new SmbLayer(NO_CONTROL);
    send(other, true, nbss(smb2(9, false, 3, 9, write(REQUEST))));
    pull(other);
    assertEquals(2, units.size(), "the request, recognised by its header");
    assertEquals(0, buffer(units.get(0), Buffers.DCE_STATE)[DceState.FLAGS], "over SMB: no order");
  }

  @Test
  void smb1TransactNmPipeAndWriteAndX() {
    SmbLayer smb = new SmbLayer(NO_CONTROL);
    send(smb, true, nbss(smb1WriteAndX(0x4001, 5, BIND)));
    send(smb, true, nbss(smb1Trans(false, 0x4001, 6, REQUEST)));
    send(smb, false, nbss(smb1Trans(true, 0x4001, 6, RESPONSE)));
    pull(smb);
    assertEquals(3, units.size());
    assertEquals(4, buffer(units.get(0), Buffers.DCE_STATE)[DceState.OPNUM + 1]);
    assertEquals(
        0, buffer(units.get(0), Buffers.DCE_STATE)[DceState.FLAGS], "bound, but no bind_ack seen");
    assertFalse(units.get(2).toServer());
  }

  @Test
  void messagesSplitAcrossSegmentsAndBulkReadsSkipped() {
    SmbLayer smb = new SmbLayer(NO_CONTROL);
    byte[] big = new byte[NbssFramer.MAX_MESSAGE + 10];
    big[0] = 0;
    big[1] = (byte) ((big.length - 4) >> 16);
    big[2] = (byte) ((big.length - 4) >> 8);
    big[3] = (byte) (big.length - 4);
    send(smb, false, big);
    byte[] msg = nbss(smb2(9, false, 2, 9, write(REQUEST)));
    for (int i = 0; i < msg.length; i++) {
      smb.onData(true, msg, i, 1);
    }
    pull(smb);
    assertEquals(2, units.size());
  }

  private void send(SmbLayer smb, boolean toServer, byte[] b) {
    smb.onData(toServer, b, 0, b.length);
  }

  private void pull(SmbLayer smb) {
    units.clear();
    smb.units(true, true, units::add);
  }

  private static byte[] buffer(AppUnit u, int id) {
    byte[][] got = new byte[1][];
    u.buffers()
        .fill(
            (b, data, off, len) -> {
              if (b == id) {
                got[0] = java.util.Arrays.copyOfRange(data, off, off + len);
              }
            });
    return got[0];
  }

  private static byte[] nbss(byte[] msg) {
    byte[] b = new byte[msg.length + 4];
    b[1] = (byte) (msg.length >> 16);
    b[2] = (byte) (msg.length >> 8);
    b[3] = (byte) msg.length;
    System.arraycopy(msg, 0, b, 4, msg.length);
    return b;
  }

  private static ByteBuffer le(int n) {
    return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
  }

  private static byte[] smb2(int command, boolean response, long messageId, int tree, byte[] body) {
    ByteBuffer h = le(64 + body.length);
    h.put(new byte[] {(byte) 0xFE, 'S', 'M', 'B'});
    h.putShort(4, (short) 64);
    h.putShort(12, (short) command);
    h.putInt(16, response ? 1 : 0);
    h.putLong(24, messageId);
    h.putInt(36, tree);
    h.position(64);
    h.put(body);
    return h.array();
  }

  private static final long FILE_PERSISTENT = 0x11;
  private static final long FILE_VOLATILE = 0x22;

  private static byte[] treeConnectResponse() {
    ByteBuffer b = le(16);
    b.putShort(0, (short) 16);
    b.put(2, (byte) 2); // pipe share
    return b.array();
  }

  private static byte[] write(byte[] data) {
    ByteBuffer b = le(48 + data.length);
    b.putShort(0, (short) 49);
    b.putShort(2, (short) (64 + 48));
    b.putInt(4, data.length);
    b.putLong(16, FILE_PERSISTENT);
    b.putLong(24, FILE_VOLATILE);
    b.position(48);
    b.put(data);
    return b.array();
  }

  private static byte[] readRequest() {
    ByteBuffer b = le(49);
    b.putShort(0, (short) 49);
    b.putInt(4, 1024);
    b.putLong(16, FILE_PERSISTENT);
    b.putLong(24, FILE_VOLATILE);
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

  /** An IOCTL transceive: a request's 56-byte fixed part, a response's 48 (its output after it). */
  private static byte[] ioctl(boolean response, byte[] data) {
    int fixed = response ? 48 : 56;
    ByteBuffer b = le(fixed + data.length);
    b.putShort(0, (short) (response ? 49 : 57));
    b.putInt(4, 0x0011C017);
    b.putLong(8, FILE_PERSISTENT);
    b.putLong(16, FILE_VOLATILE);
    if (response) {
      b.putInt(32, 64 + fixed);
      b.putInt(36, data.length);
    } else {
      b.putInt(24, 64 + fixed);
      b.putInt(28, data.length);
    }
    b.position(fixed);
    b.put(data);
    return b.array();
  }

  private static byte[] smb1(int command, boolean response, int mid, byte[] words, byte[] bytes) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteBuffer h = le(32);
    h.put(new byte[] {(byte) 0xFF, 'S', 'M', 'B', (byte) command});
    h.put(9, (byte) (response ? 0x80 : 0));
    h.putShort(30, (short) mid);
    o.writeBytes(h.array());
    o.write(words.length / 2);
    o.writeBytes(words);
    o.write(bytes.length & 0xFF);
    o.write(bytes.length >> 8);
    o.writeBytes(bytes);
    return o.toByteArray();
  }

  private static byte[] smb1WriteAndX(int fid, int mid, byte[] data) {
    ByteBuffer w = le(24);
    w.put(0, (byte) 0xFF);
    w.putShort(4, (short) fid);
    w.putShort(20, (short) data.length);
    w.putShort(22, (short) (32 + 1 + 24 + 2));
    return smb1(0x2F, false, mid, w.array(), data);
  }

  private static byte[] smb1Trans(boolean response, int fid, int mid, byte[] data) {
    if (!response) {
      ByteBuffer w = le(32);
      w.putShort(22, (short) data.length);
      w.putShort(24, (short) (32 + 1 + 32 + 2));
      w.put(26, (byte) 2);
      w.putShort(28, (short) 0x26);
      w.putShort(30, (short) fid);
      return smb1(0x25, false, mid, w.array(), data);
    }
    ByteBuffer w = le(20);
    w.putShort(12, (short) data.length);
    w.putShort(14, (short) (32 + 1 + 20 + 2));
    return smb1(0x25, true, mid, w.array(), data);
  }

  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s);
  }

  private static final AppControl NO_CONTROL =
      new AppControl() {
        @Override
        public void stopInspection() {}

        @Override
        public void stopPayloadInspection() {}

        @Override
        public void flushForProtocolChange() {}

        @Override
        public void changeProtocol() {}

        @Override
        public void protocolChangeDone() {}

        @Override
        public void raiseReassemblyDepth(long bytes) {}

        @Override
        public void triggerRawInspection(boolean toServer) {}

        @Override
        public void logTransaction(AppTransaction tx) {}
      };
}
