package org.vigil.app.rfb;

import java.util.ArrayList;
import java.util.List;
import org.vigil.app.AlertedRules;
import org.vigil.app.AppRecord;
import org.vigil.app.AppTransaction;

/**
 * The one transaction of an RFB (VNC) connection, as Suricata 7's: what the handshake showed, from
 * the protocol versions to the server's framebuffer; complete once the server init was parsed (or
 * the handshake went somewhere the parser does not follow).
 */
final class RfbTransaction implements AppTransaction {
  /** The server's protocol version: major and minor, or null. */
  String[] serverVersion;

  /** The client's protocol version: major and minor, or null. */
  String[] clientVersion;

  /** The security type chosen (by the client, or by a 3.3 server), or -1. */
  long securityType = -1;

  byte[] challenge;
  byte[] response;

  /** The security result's status, or -1. */
  long securityResult = -1;

  String failureReason;

  /** The client init's shared flag, or -1. */
  int shared = -1;

  /** The server init, or null. */
  ServerInit serverInit;

  boolean complete;
  private final List<String> events = new ArrayList<>();
  private final AlertedRules alerted = new AlertedRules();

  /**
   * A server init message.
   *
   * @param width the framebuffer width
   * @param height the framebuffer height
   * @param format the 16 bytes of the pixel format
   * @param name the desktop's name bytes
   */
  record ServerInit(int width, int height, byte[] format, byte[] name) {}

  /** Raises parser event {@code name} (Suricata's name) on the transaction. */
  void event(String name) {
    events.add(name);
  }

  @Override
  public long id() {
    return 0;
  }

  @Override
  public AppRecord appRecord() {
    return new RfbRecord(this);
  }

  @Override
  public boolean firstAlert(int rule) {
    return alerted.first(rule);
  }

  /** The events raised since the last call (each returned once). */
  List<String> takeEvents() {
    List<String> out = List.copyOf(events);
    events.clear();
    return out;
  }
}
