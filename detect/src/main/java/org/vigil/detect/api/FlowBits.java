package org.vigil.detect.api;

import java.util.Arrays;

/**
 * The flowbits of one flow: a growable bit set indexed by the ruleset's flowbit ids; also the rules
 * disabled for the flow because they failed at run time.
 */
public final class FlowBits {
  // a flow that never sets a bit allocates no words of its own
  private static final long[] NO_WORDS = new long[0];
  private long[] words = NO_WORDS;
  private java.util.BitSet failedRules;

  /** The flow's flowint variables by name (null until one is set). */
  private java.util.LinkedHashMap<String, Long> ints;

  /**
   * The ids of the bits set, in the order they were set (as Suricata's EVE {@code
   * metadata.flowbits} lists them): {@code order[0, orderLen)}.
   */
  private int[] order = NO_IDS;

  private int orderLen;

  private static final int[] NO_IDS = new int[0];

  /** The names of the ids (the ruleset's flowbit names), or null when not known. */
  private java.util.List<String> names;

  /**
   * True when rule {@code rule} (global index) failed earlier on this flow and is no longer
   * evaluated on it.
   */
  public boolean ruleFailed(int rule) {
    return failedRules != null && failedRules.get(rule);
  }

  /** Disables rule {@code rule} (global index) for the rest of this flow. */
  public void ruleFails(int rule) {
    if (failedRules == null) {
      failedRules = new java.util.BitSet();
    }
    failedRules.set(rule);
  }

  /** True when bit {@code id} is set. */
  public boolean isSet(int id) {
    int w = id >>> 6;
    return w < words.length && (words[w] & (1L << id)) != 0;
  }

  /** Sets bit {@code id}. */
  public void set(int id) {
    int w = id >>> 6;
    if (w >= words.length) {
      words = Arrays.copyOf(words, Math.max(w + 1, words.length * 2));
    }
    if ((words[w] & (1L << id)) == 0) {
      words[w] |= 1L << id;
      if (orderLen == order.length) {
        order = Arrays.copyOf(order, Math.max(4, orderLen * 2));
      }
      order[orderLen++] = id;
    }
  }

  /** Clears bit {@code id}. */
  public void unset(int id) {
    int w = id >>> 6;
    if (w < words.length && (words[w] & (1L << id)) != 0) {
      words[w] &= ~(1L << id);
      for (int i = 0; i < orderLen; i++) {
        if (order[i] == id) {
          System.arraycopy(order, i + 1, order, i, orderLen - i - 1);
          orderLen--;
          break;
        }
      }
    }
  }

  /** Names the ids with {@code names} (the ruleset's flowbit names by id) for {@link #setNames}. */
  public void nameWith(java.util.List<String> names) {
    this.names = names;
  }

  /**
   * The names of the bits set, in the order they were set; empty when none is set or the names are
   * not known.
   */
  public java.util.List<String> setNames() {
    if (orderLen == 0 || names == null) {
      return java.util.List.of();
    }
    String[] out = new String[orderLen];
    int n = 0;
    for (int i = 0; i < orderLen; i++) {
      if (order[i] < names.size()) {
        out[n++] = names.get(order[i]);
      }
    }
    return java.util.List.of(Arrays.copyOf(out, n));
  }

  /** The flowint variables set, by name in the order first set; empty when none. */
  public java.util.Map<String, Long> flowints() {
    return ints == null || ints.isEmpty()
        ? java.util.Map.of()
        : new java.util.LinkedHashMap<>(ints);
  }

  /** Flips bit {@code id}. */
  public void toggle(int id) {
    if (isSet(id)) {
      unset(id);
    } else {
      set(id);
    }
  }

  /**
   * Numbers the bits anew for another ruleset (a rule reload): bit {@code i} becomes bit {@code
   * newId.applyAsInt(i)}, or is dropped when that is negative; the failed rules are forgotten, as
   * their indices belonged to the old ruleset.
   */
  public void renumber(java.util.function.IntUnaryOperator newId) {
    int[] oldOrder = Arrays.copyOf(order, orderLen);
    words = new long[1];
    orderLen = 0;
    for (int id : oldOrder) {
      int to = newId.applyAsInt(id);
      if (to >= 0) {
        set(to);
      }
    }
    failedRules = null;
  }

  /** Clears every bit and variable and re-enables every rule (flow reuse). */
  public void clear() {
    Arrays.fill(words, 0L);
    orderLen = 0;
    failedRules = null;
    ints = null;
  }

  /** The value of flowint variable {@code name}, or null when it is not set. */
  public Long flowint(String name) {
    return ints == null ? null : ints.get(name);
  }

  /** Sets flowint variable {@code name} (an unsigned 32-bit value, wrapping). */
  public void setFlowint(String name, long value) {
    if (ints == null) {
      ints = new java.util.LinkedHashMap<>();
    }
    ints.put(name, value & 0xffffffffL);
  }

  /**
   * A flowint option for generated code, op codes as {@code Flowint.Op}: 0 {@code =}, 1 {@code +},
   * 2 {@code -} change the variable (run after the rule matched; {@code +} on a variable not set
   * sets it, {@code -} leaves it unset); 3..8 compare ({@code < <= == != >= >}) and match only a
   * set variable; 9 isset, 10 notset. The operand is {@code valueVar}'s value when it is not null
   * (0 while that variable is not set), else {@code value}. A packet without a flow matches nothing
   * and changes nothing.
   */
  public static boolean flowint(
      InspectionContext ctx, String name, int op, long value, String valueVar) {
    FlowBits f = ctx.flowbits;
    if (f == null) {
      return false;
    }
    Long cur = f.flowint(name);
    if (op == 9 || op == 10) {
      return (cur != null) == (op == 9);
    }
    long v = value;
    if (valueVar != null) {
      Long o = f.flowint(valueVar);
      v = o == null ? 0 : o;
    }
    if (op == 0) {
      f.setFlowint(name, v);
      return true;
    }
    if (cur == null) {
      if (op == 1) {
        f.setFlowint(name, v);
        return true;
      }
      return false;
    }
    long c = cur;
    return switch (op) {
      case 1 -> {
        f.setFlowint(name, c + v);
        yield true;
      }
      case 2 -> {
        f.setFlowint(name, c - v);
        yield true;
      }
      case 3 -> c < v;
      case 4 -> c <= v;
      case 5 -> c == v;
      case 6 -> c != v;
      case 7 -> c >= v;
      default -> c > v;
    };
  }

  /**
   * Makes the bits equal to those of {@code other} (to undo a trial evaluation's side effects);
   * failed rules stay.
   */
  public void copyFrom(FlowBits other) {
    if (words.length < other.words.length) {
      words = new long[other.words.length];
    }
    System.arraycopy(other.words, 0, words, 0, other.words.length);
    Arrays.fill(words, other.words.length, words.length, 0L);
    if (order.length < other.orderLen) {
      order = new int[other.order.length];
    }
    System.arraycopy(other.order, 0, order, 0, other.orderLen);
    orderLen = other.orderLen;
    ints = other.ints == null ? null : new java.util.LinkedHashMap<>(other.ints);
  }
}
