package org.vigil.control;

/**
 * The answer to one socket command: {@code OK} or {@code NOK} with a message (text, number, list or
 * map), as Suricata's {@code {"return": ..., "message": ...}}.
 */
public record Reply(boolean ok, Object message) {
  /** A success carrying {@code message}. */
  public static Reply ok(Object message) {
    return new Reply(true, message);
  }

  /** A failure saying {@code message}. */
  public static Reply nok(String message) {
    return new Reply(false, message);
  }
}
