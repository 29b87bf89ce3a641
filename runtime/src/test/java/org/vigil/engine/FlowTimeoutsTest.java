package org.vigil.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.config.ConfigException;
import org.vigil.config.VigilConfig;
import org.vigil.flow.FlowConfig;
import org.vigil.flow.FlowState;

/** The flow-timeouts section read with Suricata's meaning. */
class FlowTimeoutsTest {
  private static FlowConfig with(String... sets) {
    return FlowTimeouts.apply(FlowConfig.defaults(), VigilConfig.load(null, List.of(sets)));
  }

  @Test
  void theKeysGivenReplaceSuricatasBuiltInValues() {
    FlowConfig c =
        with(
            "flow-timeouts.udp.new=10",
            "flow-timeouts.tcp.closed=5",
            "flow-timeouts.default.established=77",
            "flow-timeouts.icmp.emergency-new=3",
            "flow-timeouts.udp.bypassed=100");
    assertEquals(10, c.timeout(FlowConfig.UDP, FlowState.NEW, false));
    assertEquals(300, c.timeout(FlowConfig.UDP, FlowState.ESTABLISHED, false), "not given: 300");
    assertEquals(5, c.timeout(FlowConfig.TCP, FlowState.CLOSED, false));
    assertEquals(600, c.timeout(FlowConfig.TCP, FlowState.ESTABLISHED, false));
    assertEquals(77, c.timeout(FlowConfig.OTHER, FlowState.ESTABLISHED, false));
    assertEquals(3, c.timeout(FlowConfig.ICMP, FlowState.NEW, true));
    assertEquals(30, c.timeout(FlowConfig.ICMP, FlowState.NEW, false));
  }

  @Test
  void aValueThatIsNoNumberOfSecondsIsRefusedByName() {
    ConfigException e =
        assertThrows(ConfigException.class, () -> with("flow-timeouts.tcp.new=soon"));
    assertTrue(e.getMessage().contains("flow-timeouts.tcp.new"), e.getMessage());
  }
}
