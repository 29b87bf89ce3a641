package org.vigil.compiler.ir;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Iterator;
import java.util.List;

/**
 * Compares IR values by meaning: records field by field, ignoring {@link SourcePos} and {@link
 * RuleSource}.
 */
public final class IrComparison {
  private IrComparison() {}

  private static final ClassValue<java.lang.reflect.Method[]> ACCESSORS =
      new ClassValue<>() {
        @Override
        protected java.lang.reflect.Method[] computeValue(Class<?> type) {
          RecordComponent[] rcs = type.getRecordComponents();
          java.lang.reflect.Method[] out = new java.lang.reflect.Method[rcs.length];
          for (int i = 0; i < rcs.length; i++) {
            out[i] = rcs[i].getAccessor();
          }
          return out;
        }
      };

  /**
   * True when {@code a} and {@code b} are the same IR apart from source positions and source text.
   */
  public static boolean equalIgnoringPositions(Object a, Object b) {
    if (a == b || a instanceof SourcePos || a instanceof RuleSource) {
      return true;
    }
    if (a == null || b == null || a.getClass() != b.getClass()) {
      return false;
    }
    if (a instanceof List<?> la) {
      List<?> lb = (List<?>) b;
      if (la.size() != lb.size()) {
        return false;
      }
      for (int i = 0; i < la.size(); i++) {
        if (!equalIgnoringPositions(la.get(i), lb.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a.getClass().isRecord() && !(a instanceof Bytes)) {
      for (java.lang.reflect.Method m : ACCESSORS.get(a.getClass())) {
        try {
          if (!equalIgnoringPositions(m.invoke(a), m.invoke(b))) {
            return false;
          }
        } catch (IllegalAccessException | InvocationTargetException e) {
          throw new IllegalStateException("cannot read " + m, e);
        }
      }
      return true;
    }
    return a.equals(b);
  }

  /** A path to the first difference (e.g. {@code options[3].depth}), or null when equal. */
  public static String firstDifference(Object a, Object b, String path) {
    if (equalIgnoringPositions(a, b)) {
      return null;
    }
    if (a == b) {
      return null;
    }
    if (a == null || b == null) {
      return path + ": " + a + " vs " + b;
    }
    if (a instanceof SourcePos || a instanceof RuleSource) {
      return null;
    }
    if (a.getClass() != b.getClass()) {
      return path + ": " + a.getClass().getSimpleName() + " vs " + b.getClass().getSimpleName();
    }
    if (a instanceof List<?> la) {
      List<?> lb = (List<?>) b;
      if (la.size() != lb.size()) {
        return path + ": " + la.size() + " items vs " + lb.size();
      }
      Iterator<?> ia = la.iterator();
      Iterator<?> ib = lb.iterator();
      for (int i = 0; ia.hasNext(); i++) {
        String d = firstDifference(ia.next(), ib.next(), path + "[" + i + "]");
        if (d != null) {
          return d;
        }
      }
      return null;
    }
    if (a.getClass().isRecord() && !(a instanceof Bytes)) {
      for (RecordComponent rc : a.getClass().getRecordComponents()) {
        try {
          Object va = rc.getAccessor().invoke(a);
          Object vb = rc.getAccessor().invoke(b);
          String d = firstDifference(va, vb, path + "." + rc.getName());
          if (d != null) {
            return d;
          }
        } catch (IllegalAccessException | InvocationTargetException e) {
          throw new IllegalStateException("cannot read " + rc, e);
        }
      }
      return null;
    }
    return a.equals(b) ? null : path + ": " + a + " vs " + b;
  }
}
