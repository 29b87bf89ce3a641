package org.vigil.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import org.vigil.config.VigilConfig;
import org.vigil.decode.Packet;
import org.vigil.thread.module.ThreadModule;
import org.vigil.thread.module.ThreadModuleProvider;

/**
 * An example third-party thread module, found through ServiceLoader (see
 * META-INF/services/org.vigil.thread.module.ThreadModuleProvider in the test resources): it counts
 * the IPv4 and IPv6 packets its thread saw and the flows attached to them.
 */
public final class PacketCounterModule implements ThreadModule {
  private long ipv4;
  private long ipv6;
  private long withFlow;

  @Override
  public String name() {
    return "packet-counter";
  }

  @Override
  public boolean process(Packet p) {
    if (p.ipVersion() == 4) {
      ipv4++;
    } else if (p.ipVersion() == 6) {
      ipv6++;
    }
    if (p.flow() != null) {
      withFlow++;
    }
    return true;
  }

  @Override
  public Map<String, Object> counters() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ipv4", ipv4);
    m.put("ipv6", ipv6);
    m.put("with_flow", withFlow);
    return m;
  }

  /** The provider ServiceLoader finds. */
  public static final class Provider implements ThreadModuleProvider {
    @Override
    public String name() {
      return "packet-counter";
    }

    @Override
    public ThreadModule create(VigilConfig config) {
      return new PacketCounterModule();
    }
  }
}
