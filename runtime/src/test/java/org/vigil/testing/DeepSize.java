package org.vigil.testing;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Heap bytes an object graph takes in this JVM (object headers, field layout and array lengths as
 * the VM lays them out), for tests that check a memcap counts what a store really holds. Static
 * fields and classes are not followed; objects reachable from several roots count once.
 */
public final class DeepSize {
  private static final sun.misc.Unsafe U;

  static {
    try {
      Field f = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
      f.setAccessible(true);
      U = (sun.misc.Unsafe) f.get(null);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private DeepSize() {}

  /** Bytes of everything reachable from {@code roots} through instance fields and arrays. */
  @SuppressWarnings("removal")
  public static long of(Object... roots) {
    Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    ArrayDeque<Object> todo = new ArrayDeque<>();
    for (Object r : roots) {
      if (r != null && seen.add(r)) {
        todo.add(r);
      }
    }
    long total = 0;
    while (!todo.isEmpty()) {
      Object o = todo.poll();
      Class<?> c = o.getClass();
      if (c.isArray()) {
        int n = Array.getLength(o);
        total += align(U.arrayBaseOffset(c) + (long) n * U.arrayIndexScale(c));
        if (!c.getComponentType().isPrimitive()) {
          for (int i = 0; i < n; i++) {
            Object e = Array.get(o, i);
            if (e != null && seen.add(e)) {
              todo.add(e);
            }
          }
        }
        continue;
      }
      long end = 12; // an object without fields: its header
      boolean laidOut = !c.isRecord() && !c.isHidden(); // Unsafe gives no offsets for these
      for (Field f : fields(c)) {
        Object v = null;
        if (laidOut) {
          long off = U.objectFieldOffset(f);
          end = Math.max(end, off + width(f.getType()));
          v = f.getType().isPrimitive() ? null : U.getObject(o, off);
        } else {
          end += width(f.getType()); // packed after the header: close to the VM's layout
          if (!f.getType().isPrimitive()) {
            try {
              f.setAccessible(true);
              v = f.get(o);
            } catch (ReflectiveOperationException | RuntimeException e) {
              v = null; // a JDK internal not open to tests: not followed
            }
          }
        }
        if (v != null && !(v instanceof Class) && seen.add(v)) {
          todo.add(v);
        }
      }
      total += align(end);
    }
    return total;
  }

  private static final java.util.Map<Class<?>, List<Field>> FIELDS = new java.util.HashMap<>();

  private static List<Field> fields(Class<?> c) {
    return FIELDS.computeIfAbsent(
        c,
        k -> {
          List<Field> out = new ArrayList<>();
          for (Class<?> t = k; t != null; t = t.getSuperclass()) {
            for (Field f : t.getDeclaredFields()) {
              if (!Modifier.isStatic(f.getModifiers())) {
                out.add(f);
              }
            }
          }
          return out;
        });
  }

  private static long width(Class<?> t) {
    if (t == long.class || t == double.class) {
      return 8;
    } else if (t == int.class || t == float.class) {
      return 4;
    } else if (t == short.class || t == char.class) {
      return 2;
    } else if (t == byte.class || t == boolean.class) {
      return 1;
    }
    return U.arrayIndexScale(Object[].class); // a reference: 4 with compressed oops
  }

  private static long align(long n) {
    return (n + 7) & ~7L;
  }
}
