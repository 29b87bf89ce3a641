package org.vigil.tools;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import org.vigil.config.VigilConfig;
import org.vigil.detect.Ruleset;
import org.vigil.detect.api.Dataset;
import org.vigil.detect.api.Datasets;

/**
 * The datasets of a run from the configuration, as Suricata 7 reads its {@code datasets:} section:
 * {@code datasets.defaults.memcap}, and each other entry a set ({@code type}, and {@code state} or
 * {@code load}/{@code save}); relative save and state files are under {@code default-data-dir}
 * (default: the working directory). The sets with a save or state file are written when the run
 * ends.
 */
final class DatasetConfig {
  private DatasetConfig() {}

  /** The sets {@code cfg} defines; throws IllegalArgumentException for a bad entry or file. */
  static Datasets from(VigilConfig cfg) {
    Path dataDir = Path.of(cfg.getString("default-data-dir", "."));
    long memcap = cfg.getSize("datasets.defaults.memcap", Datasets.DEFAULT_MEMCAP);
    Datasets sets = new Datasets(dataDir, memcap);
    if (!(cfg.get("datasets") instanceof Map<?, ?> section)) {
      return sets;
    }
    for (Map.Entry<?, ?> e : section.entrySet()) {
      String name = String.valueOf(e.getKey());
      if (name.equals("defaults") || name.equals("rules") || name.equals("limits")) {
        continue;
      }
      String key = "datasets." + name + ".";
      String typeName = cfg.getString(key + "type", null);
      Dataset.Type type = typeName == null ? null : Dataset.Type.of(typeName);
      if (type == null) {
        throw new IllegalArgumentException(
            "datasets." + name + ": type must be string, md5, sha256, ipv4, ipv6 or ip");
      }
      String state = cfg.getString(key + "state", null);
      String load = state != null ? state : cfg.getString(key + "load", null);
      String save = state != null ? state : cfg.getString(key + "save", null);
      sets.define(name, type, load, save, cfg.getSize(key + "memcap", 0));
    }
    return sets;
  }

  /** Writes the run's sets that have a save or state file; a failure is reported on {@code err}. */
  static void save(Ruleset rs, PrintWriter err) {
    try {
      rs.guard().datasets().saveAll();
    } catch (UncheckedIOException e) {
      err.println("vigil run: datasets: " + e.getCause().getMessage());
      err.flush();
    }
  }
}
