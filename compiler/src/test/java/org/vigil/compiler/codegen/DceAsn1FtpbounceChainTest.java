package org.vigil.compiler.codegen;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.vigil.detect.api.Buffers;
import org.vigil.detect.api.DceState;
import org.vigil.detect.api.InspectionContext;

/**
 * dce_iface, dce_opnum, dce_stub_data and the dce byte order, and asn1, in generated code (each run
 * also checked against the reference interpreter by {@link Harness}).
 */
class DceAsn1FtpbounceChainTest {
  private static final String IFACE = "5d2b62aa-ee0a-4a95-91ae-b064fdb471fc";

  private static Harness h(String options) {
    return new Harness("alert tcp any any -> any any (msg:\"t\"; " + options + " sid:1;)\n");
  }

  /** A DCE/RPC unit: the call state of IFACE v1 (accepted, bound in a first fragment). */
  private static InspectionContext call(int opnum, boolean little, byte[] stub) {
    InspectionContext c = Harness.tcp("");
    byte[] s = new byte[DceState.LENGTH];
    System.arraycopy(HexFormat.of().parseHex(IFACE.replace("-", "")), 0, s, 0, 16);
    s[DceState.VERSION + 1] = 1;
    s[DceState.FLAGS] =
        (byte)
            (DceState.IFACE_ACCEPTED | DceState.FIRST_FRAG | (little ? DceState.LITTLE_ENDIAN : 0));
    s[DceState.OPNUM] = (byte) (opnum >> 8);
    s[DceState.OPNUM + 1] = (byte) opnum;
    c.setBuffer(Buffers.DCE_STATE, s, 0, s.length);
    c.setBuffer(Buffers.DCE_STUB_DATA, stub, 0, stub.length);
    return c;
  }

  @Test
  void ifaceAndOpnumReadTheCallState() {
    byte[] stub = "xxBwNode".getBytes();
    assertTrue(h("dce_iface:" + IFACE + "; dce_opnum:1;").matches(1, call(1, true, stub)));
    assertFalse(h("dce_iface:" + IFACE + "; dce_opnum:2;").matches(1, call(1, true, stub)));
    assertFalse(
        h("dce_iface:5d2b62aa-ee0a-4a95-91ae-b064fdb471fd;").matches(1, call(1, true, stub)));
    assertTrue(h("dce_iface:" + IFACE + ",=1;").matches(1, call(1, true, stub)));
    assertTrue(h("dce_iface:" + IFACE + ",<2;").matches(1, call(1, true, stub)));
    assertFalse(h("dce_iface:" + IFACE + ",!1;").matches(1, call(1, true, stub)));
    assertFalse(h("dce_iface:" + IFACE + ",>1;").matches(1, call(1, true, stub)));
    Harness ranges = h("dce_opnum:3,7-9,300;");
    assertTrue(ranges.matches(1, call(8, true, stub)));
    assertTrue(ranges.matches(1, call(300, true, stub)));
    assertFalse(ranges.matches(1, call(5, true, stub)));
    assertFalse(ranges.matches(1, call(301, true, stub)));
    assertFalse(
        h("dce_iface:" + IFACE + ";").matches(1, Harness.tcp("no call state")),
        "a packet is no DCE/RPC call");
  }

  @Test
  void anyFragIsNeededForAnInterfaceBoundWithoutTheFirstFragmentFlag() {
    InspectionContext c = call(1, true, new byte[0]);
    c.data[Buffers.DCE_STATE][DceState.FLAGS] = DceState.IFACE_ACCEPTED;
    assertFalse(h("dce_iface:" + IFACE + ";").matches(1, c));
    assertTrue(h("dce_iface:" + IFACE + ",any_frag;").matches(1, c));
  }

  @Test
  void stubDataIsAStickyBufferAndDceReadsInTheCallsByteOrder() {
    byte[] stub = {0x00, 0x01, 0x00, 0x00, 'A'};
    Harness h = h("dce_stub_data; content:\"A\"; byte_test:4,=,256,-5,relative,dce;");
    assertTrue(h.matches(1, call(0, true, stub)), "little endian: 0x00000100");
    assertFalse(h.matches(1, call(0, false, stub)), "big endian: 0x00010000");
    Harness jump = h("dce_stub_data; byte_jump:2,0,dce; content:\"A\"; within:1;");
    assertTrue(jump.matches(1, call(0, true, new byte[] {2, 0, 'x', 'x', 'A'})));
  }

  @Test
  void aByteExtractVariableGivesTheNumberOfBytes() {
    Harness t = h("byte_extract:1,0,n; byte_test:n,=,258,1;");
    assertTrue(t.matches(1, Harness.tcp(new byte[] {2, 1, 2})));
    assertFalse(t.matches(1, Harness.tcp(new byte[] {1, 1, 2})), "one byte is 1, not 258");
    assertFalse(t.matches(1, Harness.tcp(new byte[] {9, 1, 2, 0, 0, 0, 0, 0, 0, 0})), "9 > 8");
    Harness j = h("byte_extract:1,0,n; byte_jump:n,1; content:\"Z\"; within:1;");
    assertTrue(j.matches(1, Harness.tcp(new byte[] {1, 1, 'x', 'Z'})), "jumps 1 after 1 byte");
    assertTrue(j.matches(1, Harness.tcp(new byte[] {2, 0, 0, 'Z'})), "two bytes of 0");
    assertFalse(j.matches(1, Harness.tcp(new byte[] {0, 0, 1, 'Z'})), "0 bytes is invalid");
  }

  @Test
  void asn1ChecksFromTheKeywordsOffset() {
    Harness h = h("content:\"AB\"; asn1:bitstring_overflow,relative_offset 0;");
    assertTrue(h.matches(1, Harness.tcp(new byte[] {'A', 'B', 3, 1, (byte) 0xff})));
    assertFalse(h.matches(1, Harness.tcp(new byte[] {'A', 'B', 3, 1, 7})));
    Harness abs = h("asn1:oversize_length 3,absolute_offset 1;");
    assertTrue(abs.matches(1, Harness.tcp(new byte[] {'x', 4, 4, 1, 2, 3, 4})));
    assertFalse(abs.matches(1, Harness.tcp(new byte[] {'x', 4, 3, 1, 2, 3})));
  }

  @Test
  void asn1RunsAfterThePayloadOptionsAndDoesNotRetryThem() {
    // the cursor asn1 starts from is the one the last option left, wherever asn1 is written
    Harness after = h("content:\"A\"; asn1:oversize_length 2,relative_offset 0; content:\"Z\";");
    assertTrue(after.matches(1, Harness.tcp(new byte[] {'A', 'Z', 4, 3, 1, 2, 3})));
    assertFalse(after.matches(1, Harness.tcp(new byte[] {'A', 4, 3, 1, 2, 3, 'Z'})));
    // from the first "A" a small object, then one cut short; the second "A", before a big
    // object, is not tried
    Harness h = h("content:\"A\"; asn1:oversize_length 2,relative_offset 0;");
    assertFalse(h.matches(1, Harness.tcp(new byte[] {'A', 4, 1, 1, 4, 9, 'A', 4, 3, 1, 2, 3})));
    assertTrue(h.matches(1, Harness.tcp(new byte[] {'A', 4, 3, 1, 2, 3, 'A', 4, 1, 1})));
  }

  @Test
  void asn1DecodesThePacketPayloadAlsoWhenTheChainReadAStreamChunk() {
    Harness h = h("content:\"A\"; asn1:oversize_length 2,relative_offset 0;");
    // the chunk matched "A" at 0; the packet's own payload has a big object from offset 1
    InspectionContext c = Harness.tcp(new byte[] {'A', 4, 1, 1});
    byte[] packet = {'x', 4, 3, 1, 2, 3};
    c.setPacketPayload(packet, 0, packet.length);
    assertTrue(h.matches(1, c));
    c.setPacketPayload(packet, 0, 0);
    assertFalse(h.matches(1, c), "no packet payload: nothing to decode");
  }
}
