package org.vigil.app;

import java.util.List;
import java.util.function.Supplier;

/**
 * The app layer of one TCP flow chosen by its first bytes, as Suricata 7's protocol detection on
 * any port: each registered protocol's probe is tried, in order, on a direction's first bytes; a
 * probe claiming them while the other direction has sent nothing (or, for a protocol that {@link
 * AppProtocol#followsUnknownServer() follows an unknown server}, a client after a server no probe
 * could claim, and for one that {@link AppProtocol#followsUnknownClient() follows an unknown
 * client}, a server after a client no probe nor the fallback could claim) makes the flow that
 * protocol's, and its layer gets the flow's data from then on, the bytes seen while detecting
 * first. Until then the fallback protocol's layer (HTTP) sees every byte as if alone (it does its
 * own detection). A direction's first bytes that a probe rules out rule that protocol out for that
 * direction: Suricata would either keep the protocol detected first or fail parsing that data. A
 * gap ends detection. A flow no protocol claims is given up (no app layer) once it holds as much
 * undetected data as Suricata holds ({@link DetectionEvents#giveUp}).
 */
final class ProtocolDetection implements AppLayer {
  private final List<AppProtocol> probes;
  private final AppContext context;

  /**
   * The fallback layer while no protocol is chosen (null once one is, or when none is registered).
   */
  private AppLayer fallback;

  /**
   * Makes the fallback layer on the flow's first data or gap (a flow that never carries data, a SYN
   * flood's, costs no parser state); null once made or once a protocol is chosen.
   */
  private Supplier<AppLayer> fallbackFactory;

  /** The layer once chosen, else null. */
  private AppLayer chosen;

  /** The chosen protocol's name, else null. */
  private String chosenName;

  /**
   * Per direction (client to server first) and probe: its first bytes may still be that protocol's.
   */
  private final boolean[][] possible;

  /** No more detection (a gap, or every direction's first bytes decided). */
  private boolean detecting;

  /**
   * Per direction: its first bytes, up to {@link #need}; made on the direction's first data and let
   * go once detection is over.
   */
  private final byte[][] probe = new byte[2][];

  /** The first bytes the probes need at most (DNS over TCP: a whole 512-byte message). */
  private final int need;

  private final int[] probed = new int[2];

  /** The flow's end started ({@link #flowEnding}). */
  private boolean ending;

  /**
   * The protocol was chosen on the server's answer after a client whose first bytes no protocol
   * claimed ({@link AppProtocol#followsUnknownClient}): Suricata then takes that protocol for the
   * client's direction too (no {@code app_proto_ts}).
   */
  private boolean followedClient;

  /**
   * Per direction: data of the chosen protocol held while the direction's detection is undecided
   * (Suricata parses a direction only once its detection is done; a direction that ends undecided
   * is never parsed).
   */
  private final byte[][] held = new byte[2][];

  private final int[] heldLen = new int[2];

  /**
   * The direction whose first bytes a probe chose the protocol on (client to server: true), or null
   * (none, or chosen by an expectation): only the other direction's data is held.
   */
  private Boolean chosenBy;

  /** Suricata's detection events of the flow, or null (none reported). */
  private DetectionEvents events;

  ProtocolDetection(List<AppProtocol> probes, AppLayer fallback, AppContext context) {
    this(probes, (Supplier<AppLayer>) null, context);
    this.fallback = fallback;
  }

  /**
   * Detection whose fallback layer {@code fallbackFactory} makes when the flow's data starts, also
   * reporting Suricata's detection events of the flow over the patterns of {@code all} (the
   * registered protocols, fallback included).
   */
  ProtocolDetection(
      List<AppProtocol> probes,
      Supplier<AppLayer> fallbackFactory,
      AppContext context,
      List<AppProtocol> all) {
    this(probes, fallbackFactory, context);
    this.events = new DetectionEvents(all, context);
  }

  /** Detection whose fallback layer {@code fallbackFactory} makes when the flow's data starts. */
  ProtocolDetection(
      List<AppProtocol> probes, Supplier<AppLayer> fallbackFactory, AppContext context) {
    this.probes = probes;
    this.fallbackFactory = fallbackFactory;
    this.context = context;
    int need = 0;
    for (AppProtocol p : probes) {
      need = Math.max(need, p.probeBytes());
    }
    this.need = need;
    this.possible = new boolean[2][probes.size()];
    java.util.Arrays.fill(possible[0], true);
    java.util.Arrays.fill(possible[1], true);
    this.detecting = !probes.isEmpty();
  }

  /** The layer the flow's data goes to: the one chosen, else the fallback (may be null). */
  AppLayer current() {
    return chosen != null ? chosen : fallback;
  }

  @Override
  public void onData(boolean toServer, byte[] buf, int off, int len) {
    if (events != null) {
      if (chosen != null && chosen.parsingStopped()) {
        events.end();
      }
      events.onData(toServer, buf, off, len);
    }
    if (chosen != null) {
      if (events != null
          && chosenBy != null
          && toServer != chosenBy.booleanValue()
          && events.undecided(toServer)) {
        hold(toServer, buf, off, len);
        return;
      }
      release(toServer);
      chosen.onData(toServer, buf, off, len);
      return;
    }
    if (detecting && len > 0) {
      int d = toServer ? 0 : 1;
      int before = probed[d];
      int proto;
      if (probe[d] == null && before == 0) {
        // a direction's first bytes are probed where they are, and copied only while undecided
        int n = Math.min(len, need);
        probed[d] = n;
        proto = detect(d, toServer, buf, off);
        if (proto < 0 && detecting) {
          probe[d] = new byte[need];
          System.arraycopy(buf, off, probe[d], 0, n);
        }
      } else {
        if (probe[d] == null) {
          probe[d] = new byte[need];
        }
        int n = Math.min(len, probe[d].length - before);
        System.arraycopy(buf, off, probe[d], before, n);
        probed[d] += n;
        proto = detect(d, toServer, probe[d], 0);
      }
      if (proto < 0 && before == 0 && expected(toServer, buf, off, len)) {
        return;
      }
      if (proto >= 0) {
        chosen = told(probes.get(proto).newLayer(context));
        if (fallback != null) {
          fallback.free();
        }
        fallback = null;
        fallbackFactory = null;
        detecting = false;
        byte[] first = probe[d];
        byte[] other = probe[1 - d];
        probe[0] = null;
        probe[1] = null;
        if (chosen == null) {
          return; // the protocol's memcap is full: the flow goes on without an app layer
        }
        chosenName = probes.get(proto).name();
        chosenBy = toServer ? Boolean.TRUE : Boolean.FALSE;
        if (probes.get(proto).readsOtherDirectionAfterDetection() && probed[1 - d] > 0) {
          // as Suricata: the direction that sent data first is parsed first
          chosen.onData(!toServer, other, 0, probed[1 - d]);
        }
        if (before > 0) {
          chosen.onData(toServer, first, 0, before);
        }
        chosen.onData(toServer, buf, off, len);
        return;
      }
      if (!detecting) {
        probe[0] = null; // every probe ruled out: the first bytes are not needed any more
        probe[1] = null;
      }
    }
    if (events != null && events.giveUp()) {
      // as Suricata: no app layer for the flow any more
      detecting = false;
      probe[0] = null;
      probe[1] = null;
      fallbackFactory = null;
      if (fallback != null) {
        fallback.free();
        fallback = null;
      }
      return;
    }
    startFallback();
    if (fallback != null) {
      fallback.onData(toServer, buf, off, len);
    }
  }

  /**
   * A direction's first data no probe claimed: a flow a control channel announced takes the
   * announced protocol (Suricata's expectations, tried after its patterns and probing parsers);
   * true when it did and got this data.
   */
  private boolean expected(boolean toServer, byte[] buf, int off, int len) {
    AppLayers layers = context.layers();
    if (layers == null) {
      return false;
    }
    // an expectation is made by the thread of its control flow: every packet before this one in
    // the run's order must have been processed by the other threads before there is none
    RunOrder order = context.control() == null ? RunOrder.SINGLE : context.control().runOrder();
    Expectations expectations = layers.expectations();
    byte[] client = context.clientAddress();
    byte[] server = context.serverAddress();
    order.awaitEarlier(client, server, () -> expectations.announcers(client, server));
    String name =
        layers
            .expectations()
            .claim(
                context.clientAddress(),
                context.serverAddress(),
                context.serverPort(),
                toServer,
                order.position());
    if (name == null) {
      return false;
    }
    AppLayer layer = layers.create(name, context);
    if (fallback != null) {
      fallback.free();
    }
    fallback = null;
    fallbackFactory = null;
    detecting = false;
    probe[0] = null;
    probe[1] = null;
    chosen = told(layer);
    chosenName = name;
    if (layer != null) {
      layer.onData(toServer, buf, off, len);
    }
    return true;
  }

  /**
   * Keeps data of the chosen protocol's flow in a direction whose detection is undecided (at most
   * the detection depth, {@link DetectionEvents#DEPTH}).
   */
  private void hold(boolean toServer, byte[] buf, int off, int len) {
    int d = toServer ? 0 : 1;
    byte[] h = held[d];
    if (h == null || heldLen[d] + len > h.length) {
      h = java.util.Arrays.copyOf(h == null ? new byte[0] : h, Math.max(32, heldLen[d] + len));
      held[d] = h;
    }
    System.arraycopy(buf, off, h, heldLen[d], len);
    heldLen[d] += len;
  }

  /** Hands the data held in direction {@code toServer} to the chosen layer. */
  private void release(boolean toServer) {
    int d = toServer ? 0 : 1;
    if (heldLen[d] > 0) {
      byte[] h = held[d];
      int n = heldLen[d];
      held[d] = null;
      heldLen[d] = 0;
      chosen.onData(toServer, h, 0, n);
    }
  }

  private void startFallback() {
    if (fallbackFactory != null) {
      fallback = told(fallbackFactory.get());
      fallbackFactory = null;
    }
  }

  /** A layer made while the flow ends is told at once. */
  private AppLayer told(AppLayer layer) {
    if (ending && layer != null) {
      layer.flowEnding();
    }
    return layer;
  }

  @Override
  public void flowEnding() {
    ending = true;
    AppLayer c = current();
    if (c != null) {
      c.flowEnding();
    }
  }

  @Override
  public void flowEnded() {
    AppLayer c = current();
    if (c != null) {
      c.flowEnded();
    }
  }

  /** The current layer's, or -1 while no protocol is known (Suricata has no app-layer state). */
  @Override
  public long inspectTransaction(boolean toServer) {
    AppLayer c = current();
    return c == null || protocolName() == null ? -1 : c.inspectTransaction(toServer);
  }

  @Override
  public AppRecord transactionRecord(long txId) {
    AppLayer c = current();
    return c == null ? null : c.transactionRecord(txId);
  }

  @Override
  public void free() {
    AppLayer c = current();
    if (c != null) {
      c.free();
    }
    fallbackFactory = null;
  }

  /**
   * Updates what direction {@code d}'s first bytes ({@code probed[d]} of them at {@code b[off]})
   * may still be; returns the probe chosen or -1.
   */
  private int detect(int d, boolean toServer, byte[] b, int off) {
    int n = probed[d];
    boolean otherSilent = probed[1 - d] == 0;
    boolean[] still = possible[d];
    for (int i = 0; i < still.length; i++) {
      if (!still[i]) {
        continue;
      }
      AppProtocol p = probes.get(i);
      int v = p.probe(toServer, b, off, n, context.serverPort());
      if (v == AppProtocol.MATCH) {
        boolean afterClient =
            p.followsUnknownClient()
                && !toServer
                && !anyPossible(1 - d)
                && (fallback == null || fallback.protocolName() == null);
        boolean otherOk =
            otherSilent
                || (p.followsUnknownServer() && toServer && !anyPossible(1 - d))
                || afterClient;
        if (otherOk) {
          followedClient = !otherSilent && afterClient;
          return i;
        }
        still[i] = false;
      } else if (v == AppProtocol.NO_MATCH) {
        still[i] = false;
      }
    }
    if (!anyPossible(0) && !anyPossible(1)) {
      detecting = false;
    }
    return -1;
  }

  private boolean anyPossible(int d) {
    for (boolean b : possible[d]) {
      if (b) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void onGap(boolean toServer, long length) {
    if (events != null) {
      events.end();
    }
    detecting = false;
    probe[0] = null;
    probe[1] = null;
    if (chosen == null) {
      startFallback();
    } else {
      release(toServer);
    }
    AppLayer c = current();
    if (c != null) {
      c.onGap(toServer, length);
    }
  }

  @Override
  public void onClose(boolean toServer) {
    if (events != null) {
      events.closed(toServer);
    }
    held[toServer ? 0 : 1] = null; // undecided to its end: Suricata never parses it
    heldLen[toServer ? 0 : 1] = 0;
    AppLayer c = current();
    if (c != null) {
      c.onClose(toServer);
    }
  }

  /** The chosen protocol (or the one its layer says it changed to), else the fallback's. */
  @Override
  public String protocolName() {
    if (chosen != null) {
      String p = chosen.protocolName();
      return p != null ? p : chosenName;
    }
    return fallback == null ? null : fallback.protocolName();
  }

  @Override
  public String directionProtocol(boolean toServer) {
    if (events == null || originalProtocol() != null) {
      return null; // a protocol change starts detection over: both directions are the new one's
    }
    if (followedClient && toServer) {
      return null;
    }
    return events.directionProtocol(toServer, protocolName());
  }

  @Override
  public String originalProtocol() {
    AppLayer c = chosen != null ? chosen : fallback;
    return c == null ? null : c.originalProtocol();
  }

  @Override
  public boolean detectionFailed() {
    return events != null && events.noneDetected() && protocolName() == null;
  }

  @Override
  public void units(boolean toServer, boolean flowEnd, UnitSink out) {
    AppLayer c = current();
    if (c != null) {
      c.units(toServer, flowEnd, out);
    }
  }
}
