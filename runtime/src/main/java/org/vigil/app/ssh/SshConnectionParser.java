package org.vigil.app.ssh;

/**
 * SSH on one TCP connection: each direction's banner and binary packet framing (see {@link
 * SshDirection}), fed with in-order bytes. It reports when both sides have sent SSH_MSG_NEWKEYS
 * ({@link #NO_INSPECTION}: from then on the connection is encrypted, and Suricata stops inspecting
 * its payload) and when the data is not SSH ({@link #ERROR}: Suricata disables the app layer of the
 * flow, its raw inspection going on). A gap in either direction is an error, as Suricata's SSH
 * parser does not accept gaps. After an error the parser ignores all data.
 */
public final class SshConnectionParser {
  /**
   * Result bit: both sides have sent a complete NEWKEYS record; payload inspection of the flow
   * ends.
   */
  public static final int NO_INSPECTION = 1;

  /** Result bit: the data is not valid SSH; the flow's app-layer parsing ends. */
  public static final int ERROR = 2;

  private final SshDirection client = new SshDirection();
  private final SshDirection server = new SshDirection();
  private boolean failed;
  private boolean encrypted;

  /**
   * Parses {@code len} new bytes of direction {@code toServer}; returns {@link #NO_INSPECTION} /
   * {@link #ERROR} bits.
   */
  public int onData(boolean toServer, byte[] b, int off, int len) {
    if (failed || len <= 0) {
      return 0;
    }
    int r = toServer ? client.feed(b, off, len, server) : server.feed(b, off, len, client);
    if ((r & NO_INSPECTION) != 0) {
      encrypted = true;
    }
    if ((r & ERROR) != 0) {
      failed = true;
    }
    return r;
  }

  /** Bytes of direction {@code toServer} were lost: the parser stops (returns {@link #ERROR}). */
  public int onGap(boolean toServer) {
    if (failed) {
      return 0;
    }
    failed = true;
    return ERROR;
  }

  /** True once the data proved not to be SSH (or had a gap). */
  public boolean failed() {
    return failed;
  }

  /** True once both sides' NEWKEYS were seen complete (the rest of the connection is encrypted). */
  public boolean encrypted() {
    return encrypted;
  }

  /**
   * True once direction {@code toServer} sent its NEWKEYS (a complete record or the start of one).
   */
  public boolean newKeys(boolean toServer) {
    return (toServer ? client : server).stage() == SshDirection.Stage.FINISHED;
  }

  /** The banner of direction {@code toServer}, null until its line was parsed. */
  public SshBanner banner(boolean toServer) {
    return (toServer ? client : server).banner();
  }

  /** True when direction {@code toServer}'s banner line reached {@link SshBanner#MAX_LEN} bytes. */
  public boolean longBanner(boolean toServer) {
    return (toServer ? client : server).longBanner();
  }

  /** True when direction {@code toServer}'s banner line was no SSH banner (parsing ended). */
  public boolean invalidBanner(boolean toServer) {
    return (toServer ? client : server).invalidBanner();
  }

  /** Complete binary packets parsed in direction {@code toServer}. */
  public long records(boolean toServer) {
    return (toServer ? client : server).records();
  }
}
