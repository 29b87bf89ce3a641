package org.vigil.control;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ruleset's commands: {@code reload-rules} (also {@code ruleset-reload-rules}), {@code
 * ruleset-reload-nonblocking}, {@code ruleset-reload-time} and {@code ruleset-stats}.
 */
public final class RuleCommands implements CommandGroup {
  private static final DateTimeFormatter EVE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSZ").withZone(ZoneOffset.UTC);

  private final RuleReload reload;

  /** The commands of the reload {@code reload}. */
  public RuleCommands(RuleReload reload) {
    this.reload = reload;
  }

  @Override
  public Map<String, Command> commands() {
    Map<String, Command> m = new LinkedHashMap<>();
    m.put("reload-rules", a -> reload());
    m.put("ruleset-reload-rules", a -> reload());
    m.put("ruleset-reload-nonblocking", a -> reloadInBackground());
    m.put("ruleset-reload-time", a -> Reply.ok(List.of(entry("last_reload", lastReload()))));
    m.put("ruleset-stats", a -> stats());
    return m;
  }

  private Reply reload() {
    RuleReload.Outcome o = reload.reload();
    return o.ok() ? Reply.ok(o.message()) : Reply.nok(o.message());
  }

  private Reply reloadInBackground() {
    Thread t = new Thread(reload::reload, "vigil-rule-reload");
    t.setDaemon(true);
    t.start();
    return Reply.ok("done");
  }

  /** When the running rules were loaded, in EVE's timestamp format (UTC). */
  private String lastReload() {
    return EVE_TIME.format(reload.lastReload());
  }

  /** As Suricata's: one entry per detection engine (Vigil has one, id 0). */
  private Reply stats() {
    RuleReload.Loaded l = reload.current();
    Map<String, Object> e = entry("rules_loaded", l.loaded());
    e.put("rules_failed", l.failed());
    e.put("rules_skipped", 0L);
    return Reply.ok(List.of(e));
  }

  private static Map<String, Object> entry(String key, Object value) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", 0);
    m.put(key, value);
    return m;
  }
}
