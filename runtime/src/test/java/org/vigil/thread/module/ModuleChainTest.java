package org.vigil.thread.module;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.decode.Packet;

/**
 * A thread's chain goes on past a module's bug: the failing packet is counted with a message naming
 * the module, later modules still see it, and the next packets run through every module; a module
 * that stops a packet is counted apart; an output that cannot write stops the chain.
 */
class ModuleChainTest {
  /** A module that fails (or stops, or cannot write) on the packets its test names. */
  private static final class Scripted implements ThreadModule {
    private final String name;
    private final RuntimeException failure;
    private final int on;
    private final boolean stop;
    final List<Packet> seen = new ArrayList<>();
    private int n;

    Scripted(String name, RuntimeException failure, int on, boolean stop) {
      this.name = name;
      this.failure = failure;
      this.on = on;
      this.stop = stop;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public boolean process(Packet p) {
      seen.add(p);
      if (++n != on) {
        return true;
      }
      if (failure != null) {
        throw failure;
      }
      return !stop;
    }
  }

  private static ModuleChain chain(ThreadModule... modules) {
    return new ModuleChain(new ThreadContext("t", 0), List.of(modules));
  }

  @Test
  void aModuleFailingOnOnePacketIsCountedAndTheChainGoesOn() {
    Scripted buggy = new Scripted("buggy", new IllegalStateException("index 7"), 2, false);
    Scripted after = new Scripted("after", null, 0, false);
    ModuleChain chain = chain(buggy, after);
    for (int i = 0; i < 3; i++) {
      chain.process(new Packet(64));
    }
    assertEquals(1, chain.moduleErrors());
    assertEquals(0, chain.stopped());
    assertEquals(3, after.seen.size(), "the later module saw every packet, the failing one too");
    assertEquals(1, chain.errors().messages().size());
    String message = chain.errors().messages().get(0);
    assertTrue(
        message.contains("in module buggy") && message.contains("index 7"),
        "the summary names the module and the failure: " + message);
  }

  @Test
  void aModuleStoppingAPacketIsCountedApartAndLaterModulesDoNotSeeIt() {
    Scripted stopper = new Scripted("stopper", null, 1, true);
    Scripted after = new Scripted("after", null, 0, false);
    ModuleChain chain = chain(stopper, after);
    chain.process(new Packet(64));
    chain.process(new Packet(64));
    assertEquals(1, chain.stopped());
    assertEquals(0, chain.moduleErrors());
    assertEquals(1, after.seen.size());
  }

  @Test
  void anOutputThatCannotWriteStopsTheChain() {
    Scripted output =
        new Scripted("output", new UncheckedIOException(new IOException("disk full")), 1, false);
    ModuleChain chain = chain(output);
    UncheckedIOException e =
        assertThrows(UncheckedIOException.class, () -> chain.process(new Packet(64)));
    assertTrue(e.getMessage().contains("disk full"), e.getMessage());
    assertEquals(0, chain.moduleErrors());
  }
}
