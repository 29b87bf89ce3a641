package org.vigil.inspect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

/**
 * A context reused for a new flow carries nothing of the flow it served: every field (any field
 * added later included) is back to what a new context holds, and its flowbits are empty.
 */
class FlowContextPoolTest {
  /** A value unlike the field's default, of its type. */
  private static Object other(Class<?> type, Object current) throws Exception {
    if (type == boolean.class) {
      return !(Boolean) current;
    } else if (type == int.class) {
      return 7;
    } else if (type == long.class) {
      return 7L;
    } else if (type == String.class) {
      return "x";
    } else if (type.isInterface()) {
      return Proxy.newProxyInstance(
          type.getClassLoader(), new Class<?>[] {type}, (p, m, a) -> null);
    }
    Field u = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
    u.setAccessible(true);
    return ((sun.misc.Unsafe) u.get(null)).allocateInstance(type);
  }

  @Test
  void aReusedContextIsAsNew() throws Exception {
    FlowContextPool pool = new FlowContextPool();
    FlowContext used = pool.take();
    used.flowbits.set(3);
    for (Field f : FlowContext.class.getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers()) || Modifier.isFinal(f.getModifiers())) {
        continue;
      }
      f.setAccessible(true);
      if (f.getName().equals("numberedBy")) {
        continue; // the flowbits' numbering stays with them
      }
      f.set(used, other(f.getType(), f.get(used)));
    }
    pool.retire(used);
    FlowContext again = pool.take();
    assertSame(used, again, "the ended flow's context is reused");
    FlowContext fresh = new FlowContext();
    for (Field f : FlowContext.class.getDeclaredFields()) {
      if (Modifier.isStatic(f.getModifiers())
          || Modifier.isFinal(f.getModifiers())
          || f.getName().equals("numberedBy")) {
        continue;
      }
      f.setAccessible(true);
      assertEquals(f.get(fresh), f.get(again), "field " + f.getName() + " after reset");
    }
    assertFalse(again.flowbits.isSet(3), "flowbits cleared");
    assertNotSame(again, pool.take(), "an empty pool makes a new context");
  }

  @Test
  void thePoolKeepsABoundedNumber() {
    FlowContextPool pool = new FlowContextPool();
    FlowContext[] made = new FlowContext[FlowContextPool.SPARE + 10];
    for (int i = 0; i < made.length; i++) {
      made[i] = new FlowContext();
      pool.retire(made[i]);
    }
    java.util.Set<FlowContext> taken =
        java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (int i = 0; i < made.length; i++) {
      taken.add(pool.take());
    }
    int reused = 0;
    for (FlowContext c : made) {
      reused += taken.contains(c) ? 1 : 0;
    }
    assertEquals(FlowContextPool.SPARE, reused);
  }
}
