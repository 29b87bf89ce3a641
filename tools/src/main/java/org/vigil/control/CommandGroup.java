package org.vigil.control;

import java.util.Map;

/** A group of socket commands by name, in the order {@code command-list} shows them. */
public interface CommandGroup {
  /** One command: its answer to the arguments the client sent (empty when none). */
  @FunctionalInterface
  interface Command {
    Reply run(Map<String, Object> arguments) throws Exception;
  }

  /** The group's commands by name. */
  Map<String, Command> commands();
}
