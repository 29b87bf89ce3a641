package org.vigil.app.rdp;

import java.util.List;

/**
 * One message of an RDP connection's start that Suricata 7 makes a transaction of: the client's
 * X.224 connection request and MCS connect-initial, the server's X.224 connection confirm and MCS
 * connect-response, and the certificate chain of the TLS handshake that follows a negotiation of
 * TLS.
 */
sealed interface RdpMessage {
  /**
   * The client's X.224 connection request.
   *
   * @param cookie the routing cookie's user name ({@code Cookie: mstshash=...}), or null
   * @param flags the RDP negotiation request's flags, or -1 when the request carries none
   */
  record ConnectionRequest(String cookie, int flags) implements RdpMessage {}

  /**
   * The server's X.224 connection confirm.
   *
   * @param responseFlags the negotiation response's flags, or -1 without a response
   * @param protocol the protocol the server selected (0 rdp, 1 ssl, 2 hybrid, 4 rds_tls, 8
   *     hybrid_ex), or -1 without a response
   * @param failureCode the negotiation failure's code (1-6), or -1 without a failure
   */
  record ConnectionConfirm(int responseFlags, int protocol, int failureCode)
      implements RdpMessage {}

  /**
   * The client's MCS connect-initial: its client data blocks in order (core and network data;
   * blocks of other types are skipped).
   *
   * @param blocks the client core data and network data blocks
   */
  record ConnectRequest(List<ClientBlock> blocks) implements RdpMessage {}

  /** The server's MCS connect-response. */
  record ConnectResponse() implements RdpMessage {}

  /**
   * The certificates of a TLS Certificate message the server sent after the negotiation.
   *
   * @param serials each certificate's serial number as lower-case hex without leading zeros
   *     (certificates that do not parse are left out)
   */
  record CertificateChain(List<String> serials) implements RdpMessage {}

  /** A client data block of an MCS connect-initial that Suricata logs. */
  sealed interface ClientBlock permits ClientCoreData, ClientChannels {}

  /**
   * The client network data block: the static virtual channels' names.
   *
   * @param names the channel names
   */
  record ClientChannels(List<String> names) implements ClientBlock {}
}
