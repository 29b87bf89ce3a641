package org.vigil.app.dcerpc;

import org.vigil.app.AppControl;
import org.vigil.app.FramedLayer;
import org.vigil.app.UnitSink;

/**
 * DCE/RPC on one TCP flow: feeds the {@link DcerpcParser}; each complete PDU triggers its
 * direction's raw inspection (as Suricata's parser does), and each request or response is reported
 * as a unit ({@link DcerpcUnits}). Calls, binds and alter_contexts are logged once answered, the
 * others at flow end. A parse error or a gap ends the parsing.
 */
public final class DcerpcLayer extends FramedLayer {
  /** The name rules and EVE use for the protocol. */
  public static final String NAME = "dcerpc";

  private final DcerpcParser parser = new DcerpcParser();
  private final DcerpcUnits units = new DcerpcUnits();

  /** The layer of a flow whose inspection {@code control} controls. */
  public DcerpcLayer(AppControl control) {
    super(control);
  }

  @Override
  public String protocolName() {
    return NAME;
  }

  @Override
  protected int parse(boolean toServer, byte[] buf, int off, int len) {
    int r = parser.onData(toServer, buf, off, len);
    units.collect(parser);
    for (DcerpcCall c : parser.takeCompleted()) {
      if (c.markLogged()) {
        control.logTransaction(c);
      }
    }
    return r;
  }

  @Override
  protected boolean react(boolean toServer, int r) {
    if ((r & DcerpcParser.PDU_END) != 0) {
      control.triggerRawInspection(toServer);
    }
    return (r & DcerpcParser.ERROR) != 0;
  }

  @Override
  protected void gap(boolean toServer) {
    parser.onGap(toServer);
  }

  @Override
  public void units(boolean toServer, boolean flowEnd, UnitSink out) {
    units.report(toServer, flowEnd, out);
    if (flowEnd) {
      // as Suricata at the end of a flow: the calls never answered, their response UNREPLIED
      for (DcerpcCall c : parser.openCalls()) {
        if (c.markLogged()) {
          control.logTransaction(c);
        }
      }
    }
  }
}
