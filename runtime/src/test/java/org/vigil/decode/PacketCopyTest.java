package org.vigil.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.PacketBuilder.bytes;
import static org.vigil.testing.PacketBuilder.ethernet;
import static org.vigil.testing.PacketBuilder.ipv4;
import static org.vigil.testing.PacketBuilder.tcp;
import static org.vigil.testing.PacketBuilder.vlan;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** copyFrom and reset cover every field of the packet, whichever layer class declares it. */
class PacketCopyTest {
  /** Fields copyFrom leaves out on purpose: the flow binding and the reader's order. */
  private static final Set<String> NOT_COPIED = Set.of("flow", "toServer", "sequence");

  /** Accessors that read the flow binding or the reader's order, or are not values. */
  private static final Set<String> NOT_COMPARED =
      Set.of(
          "flow", "toServer", "toClient", "sequence", "data", "hashCode", "toString", "getClass");

  @Test
  void aCopyOfADecodedPacketAnswersEveryAccessorLikeTheOriginal() throws Exception {
    byte[] opts =
        bytes(
            2, 4, 5, 0xb4, 4, 2, 8, 10, 0, 0, 1, 0, 0, 0, 0, 9, 1, 3, 3, 7, 34, 2, 5, 18, 0, 0, 0,
            10, 0, 0, 0, 20, 0, 0, 0, 30, 0, 0, 0, 40);
    byte[] ip =
        ipv4(
            "10.0.0.1",
            "10.0.0.2",
            6,
            tcp(1025, 80, 0x12345678, 77, Packet.SYN | Packet.ACK, 5840, opts, "GET /".getBytes()));
    byte[] frame = ethernet(0x88a8, vlan(10, 0x8100, vlan(20, 0x0800, ip)));
    Packet p = Decoded.decode(LinkTypes.ETHERNET, frame);
    assertTrue(
        p.isTcp() && p.vlanCount() == 2 && p.tcpSackBlocks() == 2, () -> Decoded.describe(p));
    Packet copy = new Packet(16);
    copy.copyFrom(p);
    int compared = 0;
    for (Method m : Packet.class.getMethods()) {
      if (m.getParameterCount() != 0
          || Modifier.isStatic(m.getModifiers())
          || m.getReturnType() == void.class
          || NOT_COMPARED.contains(m.getName())) {
        continue;
      }
      assertEquals(m.invoke(p), m.invoke(copy), m.getName());
      compared++;
    }
    assertTrue(compared > 70, "accessors compared: " + compared);
    assertArrayEquals(
        Arrays.copyOf(p.data(), p.length()), Arrays.copyOf(copy.data(), copy.length()));
    assertEquals(p.tcpSackLeft(0), copy.tcpSackLeft(0));
    assertEquals(p.tcpSackRight(1), copy.tcpSackRight(1));
  }

  @Test
  void copyFromCopiesAndResetClearsEveryField() throws Exception {
    Packet full = new Packet(4096); // room for the length fill() gives it
    List<Field> fields = fields();
    int n = 0;
    for (Field f : fields) {
      fill(full, f, ++n);
    }
    Arrays.fill(full.data(), (byte) 0x5a);
    full.eventCount = 0; // events are added, not filled: the count indexes the event array
    full.addEvent(DecodeEvent.values()[1]);
    Packet copy = new Packet(8);
    copy.copyFrom(full);
    for (Field f : fields) {
      String name = f.getName();
      if (name.equals("data") || name.equals("events") || name.equals("flow")) {
        continue; // the frame and events are compared below; flow is null on both (see toServer)
      }
      if (NOT_COPIED.contains(f.getName())) {
        assertNotEquals(f.get(full), f.get(copy), "copyFrom must leave out " + name);
      } else {
        assertEquals(f.get(full), f.get(copy), "copyFrom must copy " + name);
      }
    }
    assertEquals(full.event(0), copy.event(0));
    assertArrayEquals(
        Arrays.copyOf(full.data(), full.length()), Arrays.copyOf(copy.data(), copy.length()));

    Packet fresh = new Packet(8);
    full.reset();
    for (Field f : fields) {
      String name = f.getName();
      if (name.equals("data") || name.equals("events") || name.equals("sequence")) {
        continue;
      }
      assertEquals(f.get(fresh), f.get(full), "reset must clear " + name);
    }
  }

  /** Every instance field of Packet and the header classes it extends. */
  private static List<Field> fields() {
    List<Field> out = new ArrayList<>();
    for (Class<?> c = Packet.class; c != Object.class; c = c.getSuperclass()) {
      for (Field f : c.getDeclaredFields()) {
        if (!Modifier.isStatic(f.getModifiers())) {
          f.setAccessible(true);
          out.add(f);
        }
      }
    }
    assertTrue(out.size() > 70, "fields: " + out.size());
    return out;
  }

  /** Sets a field to a value no fresh packet has (distinct per field). */
  private static void fill(Packet p, Field f, int n) throws Exception {
    Class<?> t = f.getType();
    if (t == int.class) {
      f.setInt(p, 1000 + n);
    } else if (t == long.class) {
      f.setLong(p, 1_000_000_000_000L + n);
    } else if (t == boolean.class) {
      f.setBoolean(p, true);
    } else if (t == String.class) {
      f.set(p, "capture-" + n);
    } else if (t == TunnelRoot.class) {
      TunnelRoot r = (TunnelRoot) f.get(p);
      r.proto = n;
      r.pcapCnt = n;
      r.pktSrc = "outer-" + n;
    } else if (t == org.vigil.flow.Flow.class) {
      f.set(p, null); // a flow needs a table; toServer stands for the flow binding
    } else if (t != byte[].class && t != short[].class) {
      throw new AssertionError("no test value for " + f + ": teach fill() about its type");
    }
  }
}
