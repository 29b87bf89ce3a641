package org.vigil.output;

/**
 * The {@code tcp} object of an EVE flow record: the TCP flags seen per direction since the session
 * began and the session's state when the flow ended, as Suricata 7 names them.
 *
 * @param flagsToServer OR of the TCP flags of the client's segments (EVE {@code tcp_flags_ts})
 * @param flagsToClient OR of the flags of the server's segments (EVE {@code tcp_flags_tc})
 * @param state the session's state ({@code syn_sent}, {@code established}, {@code close_wait},
 *     {@code closed}, …), or null when no session was started (no SYN seen while midstream pickup
 *     is off): EVE then writes no state and all flags as {@code 00}
 * @param gapToServer the client's stream had a gap (EVE {@code ts_gap})
 * @param gapToClient the server's stream had a gap (EVE {@code tc_gap})
 */
public record FlowTcp(
    int flagsToServer, int flagsToClient, String state, boolean gapToServer, boolean gapToClient) {

  /** A TCP flow without a session. */
  public static final FlowTcp NO_SESSION = new FlowTcp(0, 0, null, false, false);

  /** Checks the flag bytes. */
  public FlowTcp {
    if ((flagsToServer & ~0xff) != 0 || (flagsToClient & ~0xff) != 0) {
      throw new IllegalArgumentException("TCP flags are one byte per direction");
    }
  }

  /** OR of the flags of both directions (EVE {@code tcp_flags}). */
  public int flags() {
    return flagsToServer | flagsToClient;
  }

  /**
   * The flow's state Suricata derives from the session's (EVE {@code flow.state}): {@code new}
   * until the handshake completes, {@code established} while open or half closed, {@code closed}
   * once the last ACK of the close, a TIME_WAIT or a RST was seen.
   */
  public String flowState() {
    return flowStateOf(state);
  }

  /** The flow's state of a session in TCP state {@code tcpState} (null: no session: new). */
  public static String flowStateOf(String tcpState) {
    if (tcpState == null) {
      return "new";
    }
    return switch (tcpState) {
      case "none", "syn_sent", "syn_recv" -> "new";
      case "last_ack", "time_wait", "closed" -> "closed";
      default -> "established";
    };
  }
}
