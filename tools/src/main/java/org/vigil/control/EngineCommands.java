package org.vigil.control;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The engine's own commands: {@code version}, {@code uptime}, {@code running-mode}, {@code
 * capture-mode}, {@code iface-list}, {@code iface-stat}, {@code dump-counters} and {@code
 * shutdown}, answered as Suricata answers them.
 */
public final class EngineCommands implements CommandGroup {
  private final EngineView engine;

  /** The commands about {@code engine}. */
  public EngineCommands(EngineView engine) {
    this.engine = engine;
  }

  @Override
  public Map<String, Command> commands() {
    Map<String, Command> m = new LinkedHashMap<>();
    m.put("shutdown", a -> shutdown());
    m.put("version", a -> Reply.ok(engine.version()));
    m.put("uptime", a -> Reply.ok(engine.uptimeSeconds()));
    m.put("running-mode", a -> Reply.ok(engine.runningMode()));
    m.put("capture-mode", a -> Reply.ok(engine.captureMode()));
    m.put("iface-list", a -> ifaceList());
    m.put("iface-stat", this::ifaceStat);
    m.put("dump-counters", a -> Reply.ok(engine.counters()));
    return m;
  }

  /** Answers first, then stops the engine (the answer must reach the client before it ends). */
  private Reply shutdown() {
    Thread t = new Thread(engine::shutdown, "vigil-shutdown");
    t.setDaemon(true);
    t.start();
    return Reply.ok("Closing Vigil");
  }

  private Reply ifaceList() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("count", engine.ifaces().size());
    m.put("ifaces", engine.ifaces());
    return Reply.ok(m);
  }

  /**
   * {@code iface-stat IFACE}: the interface's packets and drops as the kernel counts them, and the
   * packets with an invalid checksum (the engine's totals: its interfaces share one counter set).
   */
  private Reply ifaceStat(Map<String, Object> args) throws InterruptedException {
    Object name = args.get("iface");
    if (name == null || !engine.ifaces().contains(String.valueOf(name))) {
      return Reply.nok("Interface not found");
    }
    Map<String, ?> c = engine.counters();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pkts", number(c, "capture", "kernel_packets"));
    m.put("invalid-checksums", number(c, "tcp", "invalid_checksum"));
    m.put("drop", number(c, "capture", "kernel_drops"));
    m.put("bypassed", 0L);
    return Reply.ok(m);
  }

  /** The number at {@code group.key} of a counter tree, 0 when absent. */
  static long number(Map<String, ?> tree, String group, String key) {
    return tree.get(group) instanceof Map<?, ?> g && g.get(key) instanceof Number n
        ? n.longValue()
        : 0L;
  }
}
