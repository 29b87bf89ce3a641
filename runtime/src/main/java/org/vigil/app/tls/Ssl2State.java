package org.vigil.app.tls;

/**
 * The SSLv2 handshake of one connection as Suricata 7 follows it (app-layer-ssl.c SSLv2Decode): a
 * client hello and a server hello seen, then each side's first message after them that Suricata
 * takes for the start of its encryption; once both sides encrypt, Suricata stops the flow's
 * inspection (APP_LAYER_PARSER_NO_INSPECTION, as SSH's).
 */
final class Ssl2State {
  static final int ERROR = 0;
  static final int CLIENT_HELLO = 1;
  static final int CLIENT_MASTER_KEY = 2;
  static final int CLIENT_FINISHED = 3;
  static final int SERVER_HELLO = 4;
  static final int SERVER_VERIFY = 5;
  static final int SERVER_FINISHED = 6;
  static final int REQUEST_CERTIFICATE = 7;
  static final int CLIENT_CERTIFICATE = 8;

  private boolean clientHello;
  private boolean serverHello;
  private boolean noSessionId;
  private boolean clientMasterKey;
  private boolean clientEncrypted;
  private boolean serverEncrypted;

  /**
   * A complete SSLv2 record of message type {@code type} in direction {@code toServer}; {@code
   * body} holds its bytes after the type (at least the first 6 of a client hello). Returns true
   * when both sides are now encrypted.
   */
  boolean record(boolean toServer, int type, byte[] body, int bodyLen) {
    switch (type) {
      case CLIENT_HELLO -> {
        clientHello = true;
        noSessionId = (((body[4] & 0xFF) << 8) | (body[5] & 0xFF)) == 0;
      }
      case CLIENT_MASTER_KEY -> clientMasterKey = true;
      case CLIENT_CERTIFICATE,
          SERVER_VERIFY,
          SERVER_FINISHED,
          CLIENT_FINISHED,
          REQUEST_CERTIFICATE -> {
        if (clientHello && serverHello) {
          if (toServer) {
            clientEncrypted |= noSessionId || clientMasterKey;
          } else {
            serverEncrypted = true;
          }
          return clientEncrypted && serverEncrypted;
        }
      }
      case SERVER_HELLO -> serverHello = true;
      default -> {}
    }
    return false;
  }
}
