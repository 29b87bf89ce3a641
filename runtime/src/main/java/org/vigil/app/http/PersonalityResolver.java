package org.vigil.app.http;

import org.vigil.app.http.normalize.ServerPersonality;

/** Chooses the server personality for a server address (4-byte IPv4 or 16-byte IPv6). */
@FunctionalInterface
public interface PersonalityResolver {

  /** The personality of the server at {@code address}. */
  ServerPersonality resolve(byte[] address);

  /** A resolver that gives the same personality to every server. */
  static PersonalityResolver fixed(ServerPersonality p) {
    return a -> p;
  }
}
