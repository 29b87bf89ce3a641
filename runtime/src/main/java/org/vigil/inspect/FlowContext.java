package org.vigil.inspect;

import org.vigil.app.AppLayer;
import org.vigil.app.UnitSink;
import org.vigil.detect.api.AppProtos;
import org.vigil.detect.api.FlowBits;
import org.vigil.stream.StreamConsumer;
import org.vigil.stream.TcpSession;

/**
 * Per-flow state of the detection stages: flowbits, the TCP session and the app layer. It is the
 * session's stream consumer, handing the data to the app layer; while the flow ends, it pulls the
 * units each call made ready at once (as Suricata inspects a transaction completed by the flow's
 * end on its pseudo packet), so they are inspected in step with the raw data the close hands out.
 */
final class FlowContext implements StreamConsumer {
  final FlowBits flowbits = new FlowBits();

  /** The ruleset whose ids number {@link #flowbits}; null until the flow's first inspection. */
  private org.vigil.detect.Ruleset numberedBy;

  /**
   * Makes the flow's flowbits those of {@code ruleset} before it is inspected with it: after a rule
   * reload they are numbered anew by name (a bit no rule names any more is dropped).
   */
  void adopt(org.vigil.detect.Ruleset ruleset) {
    org.vigil.detect.Ruleset old = numberedBy;
    if (old == ruleset) {
      return;
    }
    if (old != null) {
      java.util.List<String> names = old.flowbitNames();
      flowbits.renumber(i -> i < names.size() ? ruleset.flowbitId(names.get(i)) : -1);
    }
    flowbits.nameWith(ruleset.flowbitNames());
    numberedBy = ruleset;
  }

  /** The TCP session, null for other protocols. */
  TcpSession tcp;

  /** True when the flow's current client sent the first packet the tracker saw. */
  boolean initiatorIsClient = true;

  /** The app layer fed by the stream, null when none applies or until the stream's first data. */
  AppLayer app;

  /**
   * Makes the TCP flow's app layer on the stream's first data or gap, so a flow that never carries
   * data (a SYN flood's) holds no app-layer state; null once made or when none applies.
   */
  AppLayerStarter appMaker;

  /** The server the TCP flow's app layer is made for: as the flow named it when tracking began. */
  int serverIpVersion;

  long serverHi, serverLo;

  /** The client of that flow (its other end). */
  long clientHi, clientLo;

  int serverPort;

  /** The name {@link #appProtoId} was looked up for (null: none detected). */
  private String appProtoIdName;

  private int appProtoId = AppProtos.UNKNOWN;

  /**
   * The {@link AppProtos} id of the protocol the flow's app layer detected ({@code UNKNOWN}: none
   * yet, or none a rule names), looked up again only when the layer names another.
   */
  int appProtoId() {
    String name = app == null ? null : app.protocolName();
    if (name != appProtoIdName) {
      appProtoIdName = name;
      appProtoId = AppProtos.idOrUnknown(name);
    }
    return appProtoId;
  }

  /** Keeps the flow's server so {@code maker} makes its app layer on the stream's first data. */
  void awaitApp(org.vigil.flow.Flow f, AppLayerStarter maker) {
    serverIpVersion = f.ipVersion();
    serverHi = f.serverHi();
    serverLo = f.serverLo();
    clientHi = f.clientHi();
    clientLo = f.clientLo();
    serverPort = f.serverPort();
    appMaker = maker;
  }

  /**
   * Per direction (client to server first): the transaction detection inspects next as of the end
   * of the direction's last packet (Suricata's inspect id, updated after a packet's detection).
   */
  final long[] inspectId = new long[2];

  /** The app-layer protocol detected, kept when the flow's end lets the app layer go. */
  String appProto;

  /** An alert was raised on the flow. */
  boolean alerted;

  /**
   * The flow's first packet's ICMP type and code ({@code type << 8 | code}) of an ICMP flow, its
   * SPI of an ESP flow, else -1 (EVE flow records' {@code icmp_type}, {@code spi}).
   */
  long firstId = -1;

  /**
   * What a TCP flow's record says of its session and app layer (flags, state, directions'
   * protocols), kept when its end closes the session and lets the layer go; else null.
   */
  org.vigil.output.FlowDetails ended;

  /** While the flow ends: where the units ready after each stream call go; else null. */
  UnitSink endUnits;

  /** The flow's end started: a layer made from here on is told at once. */
  private boolean ending;

  /** Set once the app layer stopped the flow's inspection (SSH once encrypted), else null. */
  InspectionCutoff cutoff;

  /** Set once the flow's app-layer protocol changed (FTP AUTH TLS), else null. */
  ProtocolChangeFlush protocolChange;

  /**
   * The app layer changed protocol and the new one is not detected yet (HTTP CONNECT answered 2xx):
   * as Suricata, every packet meanwhile flushes its raw data.
   */
  boolean protocolChangePending;

  /**
   * Per direction (client to server first), the completed transactions whose rules mixing http
   * buffers with raw payload still wait for the raw stream data of that direction (see {@link
   * TxStreamEngine}); null until the first one.
   */
  java.util.List<DetectionPass> pendingToServer;

  java.util.List<DetectionPass> pendingToClient;

  /** The waiting transactions of direction {@code toServer}, made on first use. */
  java.util.List<DetectionPass> pending(boolean toServer) {
    if (toServer) {
      if (pendingToServer == null) {
        pendingToServer = new java.util.ArrayList<>(2);
      }
      return pendingToServer;
    }
    if (pendingToClient == null) {
      pendingToClient = new java.util.ArrayList<>(2);
    }
    return pendingToClient;
  }

  /** True when transactions of direction {@code toServer} wait for raw stream data. */
  boolean hasPending(boolean toServer) {
    java.util.List<DetectionPass> l = toServer ? pendingToServer : pendingToClient;
    return l != null && !l.isEmpty();
  }

  /**
   * A pass rule applied to the whole flow (as Suricata: an IP-only pass rule, or one matched in a
   * stream chunk or an app-layer unit): nothing of the flow is inspected any more.
   */
  boolean passed;

  /**
   * Per direction (client to server first), the packet scans kept for the raw chunks that will hold
   * their bytes; null until the direction's first packet held as sent.
   */
  org.vigil.detect.StreamHits hitsToServer;

  org.vigil.detect.StreamHits hitsToClient;

  /**
   * The kept packet scans of direction {@code toServer}, armed to keep the scan of a packet whose
   * payload the stream holds as sent from stream offset {@code offset}; null without a session or
   * without room for them.
   */
  org.vigil.detect.StreamHits heldPacket(boolean toServer, long offset) {
    if (tcp == null) {
      return null;
    }
    org.vigil.detect.StreamHits h = hits(toServer);
    if (h != null) {
      h.packet(offset, tcp.dataStore(toServer), tcp.dataStamp(toServer));
    }
    return h;
  }

  /**
   * The kept packet scans of the direction of {@code chunk}, armed for its inspection to take those
   * of the packets it holds; null without a session or without room for them.
   */
  org.vigil.detect.StreamHits rawChunk(org.vigil.stream.RawChunk chunk) {
    if (tcp == null) {
      return null;
    }
    boolean dir = chunk.toServer();
    org.vigil.detect.StreamHits h = hits(dir);
    if (h != null) {
      h.chunk(chunk.streamOffset(), chunk.len(), tcp.dataStore(dir), tcp.dataStamp(dir));
    }
    return h;
  }

  /**
   * The kept packet scans of direction {@code toServer}, made on first use with their memory
   * reserved in the session's budget ({@code stream.memcap}, given back when the session closes);
   * null when the budget has no room (the direction's chunks are scanned whole).
   */
  private org.vigil.detect.StreamHits hits(boolean toServer) {
    if (toServer) {
      if (hitsToServer == null) {
        hitsToServer = org.vigil.detect.StreamHits.within(tcp::reserve);
      }
      return hitsToServer;
    }
    if (hitsToClient == null) {
      hitsToClient = org.vigil.detect.StreamHits.within(tcp::reserve);
    }
    return hitsToClient;
  }

  /** Lets go of the kept packet scans with the session that accounted them (a flow's end). */
  void dropStreamHits() {
    hitsToServer = null;
    hitsToClient = null;
  }

  /**
   * Back to the state of a new context (every field but the flowbits' numbering), for a new flow:
   * the inspector reuses the contexts of ended flows so a flood leaves none behind for the garbage
   * collector.
   */
  void reset() {
    flowbits.clear();
    tcp = null;
    initiatorIsClient = true;
    app = null;
    appMaker = null;
    serverIpVersion = 0;
    serverHi = 0;
    serverLo = 0;
    clientHi = 0;
    clientLo = 0;
    serverPort = 0;
    appProto = null;
    appProtoIdName = null;
    appProtoId = AppProtos.UNKNOWN;
    alerted = false;
    endUnits = null;
    ending = false;
    cutoff = null;
    protocolChange = null;
    protocolChangePending = false;
    pendingToServer = null;
    pendingToClient = null;
    passed = false;
    hitsToServer = null;
    hitsToClient = null;
    firstId = -1;
    ended = null;
    inspectId[0] = 0;
    inspectId[1] = 0;
  }

  /** The app layer, made now if the stream's first data or gap arrives. */
  private AppLayer openApp() {
    if (app == null && appMaker != null) {
      app = appMaker.newTcpApp(this);
      appMaker = null;
      if (app != null && ending) {
        app.flowEnding();
      }
    }
    return app;
  }

  /** The flow is about to end: its layer (or the one its flushed rest makes) is told. */
  void beginEnd() {
    ending = true;
    if (app != null) {
      app.flowEnding();
    }
  }

  @Override
  public void onData(boolean toServer, byte[] buf, int off, int len) {
    AppLayer a = openApp();
    if (a != null) {
      a.onData(toServer, buf, off, len);
      pullAtEnd();
    }
  }

  @Override
  public void onGap(boolean toServer, long length) {
    AppLayer a = openApp();
    if (a != null) {
      a.onGap(toServer, length);
      pullAtEnd();
    }
  }

  @Override
  public void onClose(boolean toServer) {
    if (app != null) { // a flow without data has no layer to tell
      app.onClose(toServer);
      pullAtEnd();
    }
  }

  /** While the flow ends: the units the last stream call made ready are inspected now. */
  void pullAtEnd() {
    if (endUnits != null && app != null) {
      app.units(true, true, endUnits);
      app.units(false, true, endUnits);
    }
  }
}
