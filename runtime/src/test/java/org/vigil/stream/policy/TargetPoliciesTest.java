package org.vigil.stream.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The host-os-policy names, their aliases and the error for an unknown one. */
class TargetPoliciesTest {
  @Test
  void aliasesShareOneBehaviour() {
    for (String n : new String[] {"windows", "windows2k3", "macos", "hpux10", "irix"}) {
      assertSame(TargetPolicies.require("bsd"), TargetPolicies.require(n), n);
    }
    assertSame(TargetPolicies.require("first"), TargetPolicies.require("vista"));
    assertEquals("solaris", TargetPolicies.require("Solaris").name());
    assertEquals("old_linux", TargetPolicies.require("old-linux").name());
    assertEquals("bsd", TargetPolicies.defaultPolicy().name());
    assertEquals(13, TargetPolicies.names().size());
  }

  @Test
  void unknownNameIsNamedInTheError() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TargetPolicies.require("beos"));
    assertTrue(e.getMessage().contains("'beos'"), e.getMessage());
  }

  @Test
  void rstAcceptanceDiffersPerStack() {
    int next = 1000;
    int lastAck = 1000;
    assertTrue(new BsdPolicy().acceptsRst(1000, 0, next, lastAck, 500));
    assertTrue(!new BsdPolicy().acceptsRst(1010, 0, next, lastAck, 500));
    assertTrue(new LinuxPolicy().acceptsRst(1010, 0, next, lastAck, 500));
    assertTrue(!new LinuxPolicy().acceptsRst(1600, 0, next, lastAck, 500));
    assertTrue(new Hpux11Policy().acceptsRst(5000, 0, next, lastAck, 500));
    assertTrue(!new Hpux11Policy().acceptsRst(999, 0, next, lastAck, 500));
  }
}
