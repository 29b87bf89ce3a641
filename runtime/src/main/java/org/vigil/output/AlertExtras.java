package org.vigil.output;

/**
 * The fields of an EVE alert record that only some alerts carry.
 *
 * @param tunnel the outermost packet of an alert on a tunnel inner packet (EVE {@code tunnel}), or
 *     null
 * @param target which side the rule's {@code target:} names, {@link #TARGET_SRC} or {@link
 *     #TARGET_DEST} (EVE {@code alert.source} and {@code alert.target}), or null
 * @param appProtoTs the protocol detected on the client's data when it is not the flow's (EVE
 *     {@code app_proto_ts}, e.g. {@code failed}), or null
 * @param appProtoTc the same for the server's data (EVE {@code app_proto_tc}), or null
 * @param txGuessed the alert's transaction was guessed (EVE {@code tx_guessed}): the rule matched
 *     raw stream data, and the alert names the transaction the flow would inspect next
 */
public record AlertExtras(
    AlertTunnel tunnel, String target, String appProtoTs, String appProtoTc, boolean txGuessed) {

  /** The rule's {@code target:src_ip}. */
  public static final String TARGET_SRC = "src_ip";

  /** The rule's {@code target:dest_ip}. */
  public static final String TARGET_DEST = "dest_ip";

  /** No such field. */
  public static final AlertExtras NONE = new AlertExtras(null, null, null, null);

  /** Fields of an alert whose transaction, if any, was not guessed. */
  public AlertExtras(AlertTunnel tunnel, String target, String appProtoTs, String appProtoTc) {
    this(tunnel, target, appProtoTs, appProtoTc, false);
  }

  /** These fields, the transaction guessed. */
  public AlertExtras withTxGuessed() {
    return new AlertExtras(tunnel, target, appProtoTs, appProtoTc, true);
  }

  /** Checks the target's name. */
  public AlertExtras {
    if (target != null && !target.equals(TARGET_SRC) && !target.equals(TARGET_DEST)) {
      throw new IllegalArgumentException("target must be src_ip or dest_ip, not " + target);
    }
  }
}
