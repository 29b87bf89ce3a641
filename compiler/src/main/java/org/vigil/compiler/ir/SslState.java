package org.vigil.compiler.ir;

import java.util.List;

/**
 * {@code ssl_state:[!]s[,[!]s...]} with s one of client_hello, server_hello, client_keyx,
 * server_keyx, unknown.
 */
public record SslState(SourcePos pos, List<Item> states) implements AppLayerOption {
  public SslState {
    states = List.copyOf(states);
  }

  /** A handshake state. */
  public enum State {
    CLIENT_HELLO,
    SERVER_HELLO,
    CLIENT_KEYX,
    SERVER_KEYX,
    UNKNOWN;

    /** The name as written. */
    public String text() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** One listed state, possibly negated. */
  public record Item(State state, boolean negated) {}

  @Override
  public String keyword() {
    return "ssl_state";
  }
}
