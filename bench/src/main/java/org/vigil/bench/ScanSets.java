package org.vigil.bench;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.vigil.detect.Ruleset;
import org.vigil.detect.api.Buffers;
import org.vigil.detect.artifact.CandidateSet;
import org.vigil.detect.artifact.PortGroup;
import org.vigil.detect.artifact.Prefilter;
import org.vigil.detect.artifact.ScanKey;

/**
 * The literal scan sets a run scans and the buffers it scanned with each, for replaying them
 * outside a run: a set is named as {@code <group> b<buffer>} (the group's own prefilter), with
 * {@code s<scope>} (restricted to the rules of an inspection scope) or {@code +any s<scope>} (the
 * joint scan with the any-port group of its protocol class). A dump file holds one set's buffers as
 * a big-endian length and the bytes, its name the set's with every run of characters other than
 * letters, digits and '+' replaced by '_'.
 */
final class ScanSets {
  private ScanSets() {}

  /** One set: how to scan a buffer with it. */
  record Set(String name, Prefilter mine, Prefilter any, int scope, byte[] ruleScopes) {
    void scan(byte[] data, int len, CandidateSet out) {
      if (any != null) {
        mine.scanWith(any, data, 0, len, out, ruleScopes, scope);
      } else {
        mine.scan(data, 0, len, out, ruleScopes, scope);
      }
    }

    /** The patterns the set looks for (both groups' for a joint set, before the scope). */
    int patterns() {
      return mine.patternCount() + (any == null ? 0 : any.patternCount());
    }
  }

  /** The file name of a set's dump. */
  static String fileName(String set) {
    return set.replaceAll("[^A-Za-z0-9+]+", "_") + ".bin";
  }

  /** Every set of the rule set, by dump file name. */
  static Map<String, Set> sets(Ruleset rs) {
    byte[] ruleScopes = new byte[rs.size()];
    for (int r = 0; r < ruleScopes.length; r++) {
      ruleScopes[r] = ScanKey.ruleBits(rs.meta(r).scope());
    }
    Map<String, Set> out = new LinkedHashMap<>();
    for (int pc = 0; pc < 3; pc++) {
      PortGroup any = rs.anyGroup(pc);
      List<PortGroup> groups = new ArrayList<>(List.of(rs.portGroups(pc)));
      groups.add(any);
      for (PortGroup g : groups) {
        for (int b = 0; g != null && b < Buffers.COUNT; b++) {
          Prefilter p = g.prefilter(b);
          if (p == null) {
            continue;
          }
          String base = g.name() + " b" + b;
          out.put(fileName(base), new Set(base, p, null, 0, ruleScopes));
          for (int s = 1; s < 32; s++) {
            String r = base + " s" + s;
            out.put(fileName(r), new Set(r, p, null, s, ruleScopes));
            Prefilter theirs = any == null || g == any ? null : any.prefilter(b);
            for (int s2 = s == 1 ? 0 : s; theirs != null && s2 <= s; s2++) {
              String j = base + " +any s" + s2;
              out.put(fileName(j), new Set(j, p, theirs, s2, ruleScopes));
            }
          }
        }
      }
    }
    return out;
  }

  /** The buffers of a dump file, at most {@code maxBytes} of them in all. */
  static List<byte[]> buffers(Path dump, long maxBytes) throws IOException {
    List<byte[]> out = new ArrayList<>();
    long total = 0;
    try (DataInputStream in =
        new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(dump)))) {
      while (total < maxBytes) {
        int len;
        try {
          len = in.readInt();
        } catch (EOFException e) {
          break;
        }
        byte[] b = new byte[len];
        in.readFully(b);
        out.add(b);
        total += len;
      }
    }
    return out;
  }
}
