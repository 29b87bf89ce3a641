package org.vigil.app;

/**
 * The shape of an app layer that only frames records: each data chunk is fed to the protocol's
 * parser, whose result bits the layer turns into inspection controls; a parse error, a gap, or a
 * control that ends the flow's inspection ends the parsing, and raw inspection goes on as before.
 */
public abstract class FramedLayer implements AppLayer {
  /** What the layer may ask of its flow. */
  protected final AppControl control;

  /** The parsing ended (parse error, gap, or inspection stopped). */
  private boolean done;

  /** A layer of a flow whose inspection {@code control} controls. */
  protected FramedLayer(AppControl control) {
    this.control = control;
  }

  /** Feeds the parser; returns its result bits. */
  protected abstract int parse(boolean toServer, byte[] buf, int off, int len);

  /** Acts on the parser's result bits {@code r}; returns true when the parsing ends. */
  protected abstract boolean react(boolean toServer, int r);

  /** Tells the parser of a gap in direction {@code toServer}. */
  protected abstract void gap(boolean toServer);

  @Override
  public final void onData(boolean toServer, byte[] buf, int off, int len) {
    if (!done) {
      done = react(toServer, parse(toServer, buf, off, len));
    }
  }

  @Override
  public final void onGap(boolean toServer, long length) {
    if (!done) {
      gap(toServer);
      done = true;
    }
  }

  @Override
  public void onClose(boolean toServer) {}
}
