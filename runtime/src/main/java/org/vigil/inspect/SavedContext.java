package org.vigil.inspect;

import org.vigil.detect.api.Buffers;
import org.vigil.detect.api.InspectionContext;

/**
 * The part of the inspection context an app-layer unit's pass changes (buffers, direction, dsize),
 * saved before it and restored after it into preallocated arrays, so a unit costs no copy of them.
 */
final class SavedContext {
  private final byte[][] data = new byte[Buffers.COUNT][];
  private final int[] off = new int[Buffers.COUNT];
  private final int[] len = new int[Buffers.COUNT];
  private int flags;
  private int dsize;
  private boolean busy;

  /** True while a save is not restored yet (a nested unit then needs its own instance). */
  boolean busy() {
    return busy;
  }

  /** Saves what a pass over {@code ctx} changes. */
  void save(InspectionContext ctx) {
    busy = true;
    flags = ctx.flowFlags;
    dsize = ctx.dsize;
    System.arraycopy(ctx.data, 0, data, 0, data.length);
    System.arraycopy(ctx.off, 0, off, 0, off.length);
    System.arraycopy(ctx.len, 0, len, 0, len.length);
  }

  /**
   * Restores {@code ctx} as saved, its endpoints swapped back when the pass was oriented the other
   * way.
   */
  void restore(InspectionContext ctx) {
    if (((ctx.flowFlags ^ flags) & InspectionContext.FLOW_TO_SERVER) != 0) {
      Endpoints.swap(ctx);
    }
    ctx.flowFlags = flags;
    ctx.dsize = dsize;
    System.arraycopy(data, 0, ctx.data, 0, data.length);
    System.arraycopy(off, 0, ctx.off, 0, off.length);
    System.arraycopy(len, 0, ctx.len, 0, len.length);
    java.util.Arrays.fill(data, null);
    busy = false;
  }
}
