package org.vigil.detect.threshold;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.vigil.config.AddressTable;

/**
 * A suppress line's {@code ip}: an address, a block, {@code any}, a {@code $VAR} of {@code
 * vars.address-groups} or a bracketed list of those, each negatable with {@code !}; the most
 * specific block decides.
 */
final class AddressList {
  private AddressList() {}

  /** The table of {@code spec} ({@code vars}: address-group name to definition). */
  static AddressTable<Boolean> parse(String spec, Map<String, String> vars) {
    AddressTable<Boolean> table = new AddressTable<>(false);
    add(table, spec.trim(), true, vars, 0);
    return table;
  }

  private static void add(
      AddressTable<Boolean> table,
      String spec,
      boolean value,
      Map<String, String> vars,
      int depth) {
    if (depth > 16) {
      throw new IllegalArgumentException("address variables nest too deep in '" + spec + "'");
    }
    String s = spec.trim();
    if (s.startsWith("!")) {
      add(table, s.substring(1), !value, vars, depth + 1);
      return;
    }
    if (s.startsWith("[")) {
      if (!s.endsWith("]")) {
        throw new IllegalArgumentException("unbalanced brackets in '" + spec + "'");
      }
      for (String part : split(s.substring(1, s.length() - 1))) {
        add(table, part, value, vars, depth + 1);
      }
      return;
    }
    if (s.startsWith("$")) {
      String def = vars.get(s.substring(1));
      if (def == null) {
        throw new IllegalArgumentException("unknown address variable '" + s + "'");
      }
      add(table, def, value, vars, depth + 1);
      return;
    }
    if (s.equalsIgnoreCase("any")) {
      table.add("0.0.0.0/0", value);
      table.add("::/0", value);
      return;
    }
    if (s.isEmpty()) {
      throw new IllegalArgumentException("empty address");
    }
    table.add(s, value);
  }

  /** Splits {@code s} at the commas outside brackets. */
  static List<String> split(String s) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '[') {
        depth++;
      } else if (c == ']') {
        depth--;
      } else if (c == ',' && depth == 0) {
        out.add(s.substring(start, i).trim());
        start = i + 1;
      }
    }
    out.add(s.substring(start).trim());
    return out;
  }
}
