package org.vigil.detect.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The datasets of one run (Suricata 7's {@code datasets:} section and the sets rules name), by
 * name: a set is made, and its {@code load} or {@code state} file read, when the configuration or
 * the first rule naming it defines it; later rules naming it share it (a rule may leave out its
 * type and files, but not contradict them). {@link #saveAll} writes the sets with a {@code save} or
 * {@code state} file at the end of the run. A relative save or state file is under the data
 * directory.
 */
public final class Datasets {
  /** Suricata's default memcap of a set (datasets.defaults.memcap). */
  public static final long DEFAULT_MEMCAP = 16L << 20;

  private final Path dataDir;
  private final long defaultMemcap;
  private final Map<String, Dataset> sets = new LinkedHashMap<>();

  /** Sets whose relative save/state files go under {@code dataDir}, with a default memcap. */
  public Datasets(Path dataDir, long defaultMemcap) {
    this.dataDir = dataDir;
    this.defaultMemcap = defaultMemcap;
  }

  /** Sets kept in memory under the working directory, with the default memcap. */
  public static Datasets inMemory() {
    return new Datasets(Path.of("."), DEFAULT_MEMCAP);
  }

  /**
   * The set {@code name}, made when new: {@code type} null uses a set defined before; {@code load}
   * (absolute or relative to the working directory) is read when the set is made, {@code save} (a
   * data-directory-relative or absolute path) written by {@link #saveAll}; {@code state} is both.
   * Throws IllegalArgumentException for a contradiction or an unreadable file.
   */
  public synchronized Dataset define(
      String name, Dataset.Type type, String load, String save, long memcap) {
    Dataset have = sets.get(name);
    Path loadPath = load == null || load.isEmpty() ? null : resolveLoad(load, save);
    Path savePath = save == null || save.isEmpty() ? null : dataDir.resolve(save);
    if (have != null) {
      if (type != null && have.type() != type) {
        throw new IllegalArgumentException(
            "dataset " + name + " already exists with type " + have.type());
      }
      if ((loadPath != null || savePath != null)
          && (!java.util.Objects.equals(have.load(), loadPath)
              || !java.util.Objects.equals(have.save(), savePath))) {
        throw new IllegalArgumentException("dataset " + name + " is defined with other files");
      }
      return have;
    }
    if (type == null) {
      throw new IllegalArgumentException("dataset " + name + " is not defined (no type)");
    }
    Dataset d = new Dataset(name, type, loadPath, savePath, memcap > 0 ? memcap : defaultMemcap);
    if (loadPath != null && (savePath == null || Files.exists(loadPath))) {
      try {
        d.read(loadPath);
      } catch (IOException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
    }
    sets.put(name, d);
    return d;
  }

  /** A state file (load = save) is under the data directory, a load-only file where it is. */
  private Path resolveLoad(String load, String save) {
    return load.equals(save) ? dataDir.resolve(save) : Path.of(load);
  }

  /** The set {@code name}, or null. */
  public synchronized Dataset get(String name) {
    return sets.get(name);
  }

  /** The sets, in the order they were defined. */
  public synchronized List<Dataset> all() {
    return new ArrayList<>(sets.values());
  }

  /** Writes every set with a save or state file; the first failure is thrown after the rest. */
  public void saveAll() {
    IOException first = null;
    for (Dataset d : all()) {
      if (d.save() == null) {
        continue;
      }
      try {
        d.write(d.save());
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw new UncheckedIOException(first);
    }
  }

  /**
   * The set a generated class's static initializer binds a dataset option to, from its spec ({@code
   * name \0 type-or-empty \0 load \0 save \0 memcap}): in the datasets of the ruleset that defined
   * {@code generated} ({@link RuleGuard#datasets()}); null (the option never matches, a rule error
   * is counted) when the set cannot be defined so.
   */
  public static Dataset link(Class<?> generated, String spec) {
    String[] f = spec.split("\u0000", -1);
    Dataset.Type type = f[1].isEmpty() ? null : Dataset.Type.valueOf(f[1]);
    RuleGuard guard = RuleGuard.of(generated);
    try {
      return guard.datasets().define(f[0], type, f[2], f[3], Long.parseLong(f[4]));
    } catch (IllegalArgumentException e) {
      // a set the configuration does not define, or contradicts: the option never matches
      guard.ruleError();
      return null;
    }
  }

  /**
   * A dataset option on the buffer {@code data[base, base+len)}: {@code command} 0 isset, 1
   * isnotset, 2 set, 3 unset, as Suricata 7 matches them (set and unset match when they changed the
   * set; an empty buffer never matches).
   */
  public static boolean match(Dataset set, int command, byte[] data, int base, int len) {
    if (len <= 0 || set == null) {
      return false;
    }
    return switch (command) {
      case 0 -> set.lookup(data, base, len) == 1;
      case 1 -> set.lookup(data, base, len) < 1;
      case 2 -> set.add(data, base, len) == 1;
      case 3 -> set.remove(data, base, len) == 1;
      default -> throw new IllegalArgumentException("dataset command " + command);
    };
  }

  /**
   * datarep: the value's reputation compared with {@code value} by {@code op} (0 {@code >}, 1
   * {@code <}, 2 {@code ==}); a value not in the set (or an empty buffer) never matches.
   */
  public static boolean reputation(Dataset set, int op, int value, byte[] data, int base, int len) {
    if (len <= 0 || set == null) {
      return false;
    }
    int rep = set.reputation(data, base, len);
    if (rep < 0) {
      return false;
    }
    return switch (op) {
      case 0 -> rep > value;
      case 1 -> rep < value;
      case 2 -> rep == value;
      default -> throw new IllegalArgumentException("datarep operator " + op);
    };
  }
}
