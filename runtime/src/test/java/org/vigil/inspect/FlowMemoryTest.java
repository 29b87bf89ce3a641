package org.vigil.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.testing.PacketBuilder.ipv4;
import static org.vigil.testing.PacketBuilder.tcp;

import org.junit.jupiter.api.Test;
import org.vigil.decode.DecodeConfig;
import org.vigil.decode.Decoder;
import org.vigil.decode.LinkTypes;
import org.vigil.decode.Packet;
import org.vigil.decode.PathStats;
import org.vigil.flow.Flow;
import org.vigil.flow.FlowConfig;
import org.vigil.flow.FlowSlot;
import org.vigil.flow.FlowSlots;
import org.vigil.flow.FlowTable;
import org.vigil.testing.DeepSize;

/**
 * {@code flow.memcap} counts what a flow really holds on the heap: its record in the table and the
 * detection context the inspector attaches (its TCP session counts against {@code stream.memcap}).
 */
class FlowMemoryTest {
  @Test
  void theFlowMemcapCountsWhatAFlowHolds() {
    PathStats stats = new PathStats();
    Decoder decoder = new Decoder(DecodeConfig.defaults(), stats);
    FlowSlot<FlowContext> slot = new FlowSlots().register("detect", FlowContext.class);
    FlowContextPool contexts = new FlowContextPool();
    FlowTable table =
        new FlowTable(
            FlowConfig.defaults().withMemory(64 << 20, 65536, 0, 30), stats.flows, (f, r) -> {});
    int n = 4000;
    long half = 0;
    for (int i = 0; i < n; i++) {
      if (i == n / 2) {
        half = DeepSize.of(table);
      }
      byte[] frame = ipv4("10.1.0.1", "10.0.0.1", 6, tcp(1024 + i, 80, 7, 0, 0x02, new byte[0]));
      Packet p = new Packet(frame.length);
      System.arraycopy(frame, 0, p.data(), 0, frame.length);
      p.setFrame(frame.length, frame.length, 1_000_000_000L, LinkTypes.RAW, i + 1, "t");
      decoder.decode(p);
      Flow f = table.handle(p);
      f.set(slot, contexts.take()); // as the inspector does for the flow's first packet
    }
    long perFlow = (DeepSize.of(table) - half) / (n - n / 2);
    assertEquals((long) n * FlowConfig.FLOW_BYTES, table.memuse());
    assertTrue(
        perFlow <= FlowConfig.FLOW_BYTES && FlowConfig.FLOW_BYTES <= perFlow * 5 / 4,
        "a flow holds " + perFlow + " bytes, counted " + FlowConfig.FLOW_BYTES);
  }
}
