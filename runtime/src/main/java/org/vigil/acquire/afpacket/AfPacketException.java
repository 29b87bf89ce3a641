package org.vigil.acquire.afpacket;

/** An AF_PACKET socket or ring could not be set up: what failed, on which interface, and why. */
public final class AfPacketException extends RuntimeException {
  public AfPacketException(String message) {
    super(message);
  }
}
