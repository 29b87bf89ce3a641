package org.vigil.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The JIT's queue as HotSpot's {@code Compiler.queue} prints it: the running and waiting
 * compilations are counted, the headers and "Empty" are not; this JVM has the command, and a wait
 * for an empty queue ends, a stopped one at once.
 */
class CompilerQueueTest {
  @Test
  void countsTheRunningAndWaitingCompilations() {
    String text =
        """
        Current compiles:\s
        C2 CompilerThread0  1211   !   4       org.vigil.Foo::bar (497 bytes)

        C1 compile queue:
        Empty

        C2 compile queue:
        1205       4       org.vigil.Foo$Inner::get (106 bytes)
        1212       4       java.lang.String::indexOf (29 bytes)
        """;
    assertEquals(3, CompilerQueue.count(text));
    assertEquals(
        0,
        CompilerQueue.count(
            "Current compiles: \n\nC1 compile queue:\nEmpty\n\nC2 compile queue:\nEmpty\n"));
  }

  @Test
  void thisJvmsQueueCanBeWaitedFor() {
    CompilerQueue q = CompilerQueue.of();
    assertNotNull(q, "HotSpot has Compiler.queue");
    assertTrue(q.tasks() >= 0);
    q.awaitEmpty(5_000, () -> false);
    assertEquals(0, q.awaitEmpty(5_000, () -> true), "a stopped wait returns at once");
  }
}
