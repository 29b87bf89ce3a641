package org.vigil.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The records used as map keys on the packet path write their equals and hashCode out (the
 * generated ones are method-handle trees C2 inlines into every lookup): they must still be a
 * record's, component by component, with the record's hash formula (maps iterate in hash order).
 */
class RecordKeysTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "org.vigil.app.smb.SmbPipes$FileKey",
        "org.vigil.app.smb.Smb2Files$Fuid",
        "org.vigil.app.smb.Smb2Files$FileKey",
        "org.vigil.app.smb.Smb2Files$TreeKey",
        "org.vigil.defrag.DatagramKey",
        "org.vigil.detect.RateLimiter$Key",
        "org.vigil.detect.api.HostBits$Key",
        "org.vigil.output.FlowVars"
      })
  void equalsAndHashCodeAreTheRecordsOwn(String name) throws Exception {
    Class<?> type = Class.forName(name);
    RecordComponent[] parts = type.getRecordComponents();
    Class<?>[] types = new Class<?>[parts.length];
    for (int i = 0; i < parts.length; i++) {
      types[i] = parts[i].getType();
    }
    Constructor<?> make = type.getDeclaredConstructor(types);
    make.setAccessible(true);
    Random rnd = new Random(20);
    for (int round = 0; round < 2_000; round++) {
      // values from small ranges, so that equal components (and equal keys) are frequent
      Object[] a = values(types, rnd);
      Object[] b = rnd.nextInt(4) == 0 ? a.clone() : values(types, rnd);
      if (rnd.nextBoolean()) {
        int i = rnd.nextInt(types.length);
        b[i] = values(types, rnd)[i];
      }
      Object x = make.newInstance(a);
      Object y = make.newInstance(b);
      Object[] ca = components(parts, x);
      Object[] cb = components(parts, y);
      assertEquals(java.util.Arrays.equals(ca, cb), x.equals(y), name + " equals");
      assertEquals(recordHash(ca), x.hashCode(), name + " hashCode");
      assertTrue(x.equals(x));
      assertFalse(x.equals(null));
      assertFalse(x.equals("not a key"));
    }
  }

  /** The hash a record computes: 31 * h + the component's hash, from 0, in component order. */
  private static int recordHash(Object[] components) {
    int h = 0;
    for (Object c : components) {
      h = h * 31 + Objects.hashCode(c);
    }
    return h;
  }

  private static Object[] components(RecordComponent[] parts, Object r) throws Exception {
    Object[] out = new Object[parts.length];
    for (int i = 0; i < parts.length; i++) {
      var m = parts[i].getAccessor();
      m.setAccessible(true);
      out[i] = m.invoke(r);
    }
    return out;
  }

  private static Object[] values(Class<?>[] types, Random rnd) throws Exception {
    Object[] out = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      Class<?> t = types[i];
      if (t == int.class) {
        out[i] = rnd.nextInt(3) - 1;
      } else if (t == long.class) {
        out[i] = rnd.nextBoolean() ? (long) rnd.nextInt(3) : rnd.nextLong();
      } else if (t == boolean.class) {
        out[i] = rnd.nextBoolean();
      } else if (t == String.class) {
        out[i] = rnd.nextInt(5) == 0 ? null : "bit" + rnd.nextInt(2);
      } else if (t == List.class) {
        List<String> l = new ArrayList<>();
        for (int k = rnd.nextInt(3); k > 0; k--) {
          l.add("b" + rnd.nextInt(2));
        }
        out[i] = l;
      } else if (t == Map.class) {
        out[i] = rnd.nextBoolean() ? Map.of() : Map.of("n", (long) rnd.nextInt(2));
      } else if (t.isRecord()) {
        // a nested key (Smb2Files' FileKey holds a Fuid)
        RecordComponent[] nested = t.getRecordComponents();
        Class<?>[] nt = new Class<?>[nested.length];
        for (int k = 0; k < nested.length; k++) {
          nt[k] = nested[k].getType();
        }
        Constructor<?> c = t.getDeclaredConstructor(nt);
        c.setAccessible(true);
        out[i] = c.newInstance(values(nt, rnd));
      } else {
        throw new IllegalStateException("no values for " + t);
      }
    }
    return out;
  }
}
