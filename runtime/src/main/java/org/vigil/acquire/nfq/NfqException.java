package org.vigil.acquire.nfq;

/**
 * An NFQUEUE source could not be opened or failed while running; the message says why and what to
 * do.
 */
public final class NfqException extends RuntimeException {

  /** A failure described by {@code message}. */
  public NfqException(String message) {
    super(message);
  }

  /** A failure described by {@code message}, caused by {@code cause}. */
  public NfqException(String message, Throwable cause) {
    super(message, cause);
  }
}
