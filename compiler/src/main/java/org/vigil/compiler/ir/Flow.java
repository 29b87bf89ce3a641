package org.vigil.compiler.ir;

/**
 * {@code flow:...}: each field is null when not given. from_server is stored as TO_CLIENT and
 * from_client as TO_SERVER.
 */
public record Flow(SourcePos pos, Dir direction, State state, StreamMode stream, FragMode frag)
    implements FlowOption {
  /** to_server / to_client. */
  public enum Dir {
    TO_SERVER,
    TO_CLIENT
  }

  /** established / not_established / stateless. */
  public enum State {
    ESTABLISHED,
    NOT_ESTABLISHED,
    STATELESS
  }

  /** no_stream (packets only) / only_stream (reassembled data only). */
  public enum StreamMode {
    NO_STREAM,
    ONLY_STREAM
  }

  /** no_frag / only_frag. */
  public enum FragMode {
    NO_FRAG,
    ONLY_FRAG
  }

  @Override
  public String keyword() {
    return "flow";
  }
}
