package org.vigil.app;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import org.vigil.config.VigilConfig;

/**
 * The registered app-layer protocols of a run: every {@link AppProtocol} named in a {@code
 * META-INF/services/org.vigil.app.AppProtocol} file of the class path (or of a plugin class
 * loader), configured from the run's configuration, tried in their {@link AppProtocol#order()}. It
 * makes each TCP flow's app layer: a {@link ProtocolDetection} over them.
 */
public final class AppLayers {
  private final List<AppProtocol> probes;
  private final AppProtocol fallback;
  private final List<AppProtocol> all;

  /** The connections control channels announced, shared by the run's flows. */
  private final Expectations expectations = new Expectations();

  /** The protocols whose flows may announce others. */
  private final List<AppProtocol> announcing;

  /**
   * Whether {@code len} bytes at {@code b[off]} may begin a direction of a flow that announces
   * others (an FTP control flow's first bytes), in either direction.
   */
  public boolean mayAnnounce(byte[] b, int off, int len) {
    for (AppProtocol a : announcing) {
      if (a.probe(true, b, off, len, 0) != AppProtocol.NO_MATCH
          || a.probe(false, b, off, len, 0) != AppProtocol.NO_MATCH) {
        return true;
      }
    }
    return false;
  }

  private AppLayers(List<AppProtocol> protocols) {
    List<AppProtocol> sorted = new ArrayList<>(protocols);
    sorted.sort(Comparator.comparingInt(AppProtocol::order).thenComparing(AppProtocol::name));
    this.all = List.copyOf(sorted);
    List<AppProtocol> p = new ArrayList<>();
    AppProtocol fb = null;
    for (AppProtocol a : sorted) {
      if (!a.fallback()) {
        p.add(a);
      } else if (fb == null) {
        fb = a;
      }
    }
    this.probes = List.copyOf(p);
    this.announcing = sorted.stream().filter(AppProtocol::announcesFlows).toList();
    this.fallback = fb;
  }

  /**
   * The protocols registered with {@code loader}'s services files, configured by {@code config}.
   */
  public static AppLayers load(VigilConfig config, ClassLoader loader) {
    List<AppProtocol> list = new ArrayList<>();
    for (AppProtocol p : ServiceLoader.load(AppProtocol.class, loader)) {
      list.add(p.configure(config));
    }
    return new AppLayers(list);
  }

  /** The protocols registered on the class path of this class, with the default configuration. */
  public static AppLayers defaults() {
    return load(VigilConfig.defaults(), AppLayers.class.getClassLoader());
  }

  /** Exactly {@code protocols} (already configured). */
  public static AppLayers of(List<AppProtocol> protocols) {
    return new AppLayers(protocols);
  }

  /** These protocols with {@code replacement} instead of the one of the same name (or added). */
  public AppLayers with(AppProtocol replacement) {
    List<AppProtocol> list = new ArrayList<>();
    for (AppProtocol p : all) {
      if (!p.name().equals(replacement.name())) {
        list.add(p);
      }
    }
    list.add(replacement);
    return new AppLayers(list);
  }

  /** The registered protocols, in the order they are tried (fallbacks included). */
  public List<AppProtocol> protocols() {
    return all;
  }

  /** The connections control channels announced (FTP data connections), for the whole run. */
  public Expectations expectations() {
    return expectations;
  }

  /** The protocol registered as {@code name}, or null. */
  public AppProtocol protocol(String name) {
    for (AppProtocol p : all) {
      if (p.name().equals(name)) {
        return p;
      }
    }
    return null;
  }

  /**
   * The layer of protocol {@code name} for the flow of {@code context}, or null when none is
   * registered.
   */
  public AppLayer create(String name, AppContext context) {
    AppProtocol p = protocol(name);
    return p == null ? null : p.newLayer(context);
  }

  /**
   * The app layer of a new UDP flow: it hands the flow to the first protocol whose {@link
   * AppProtocol#probeDatagram} claims one of its first datagrams (see {@link DatagramDetection});
   * null when no protocol is registered.
   */
  public AppLayer newDatagramFlow(
      byte[] serverAddress, int serverPort, AppControl control, UnitPrefilter prefilter) {
    if (all.isEmpty()) {
      return null;
    }
    return new DatagramDetection(
        probes, new AppContext(serverAddress, serverPort, control, prefilter, this));
  }

  /**
   * The app layer of a new TCP flow: it detects the flow's protocol from its first bytes (the
   * fallback protocol's layer sees the data meanwhile); null when no protocol is registered.
   */
  public AppLayer newFlow(
      byte[] serverAddress, int serverPort, AppControl control, UnitPrefilter prefilter) {
    return newFlow(null, serverAddress, serverPort, control, prefilter);
  }

  /**
   * As {@link #newFlow(byte[], int, AppControl, UnitPrefilter)}, with the client's address: a flow
   * a control channel announced ({@link #expectations()}) takes the protocol it announced.
   */
  public AppLayer newFlow(
      byte[] clientAddress,
      byte[] serverAddress,
      int serverPort,
      AppControl control,
      UnitPrefilter prefilter) {
    if (all.isEmpty()) {
      return null;
    }
    AppContext context =
        new AppContext(serverAddress, serverPort, control, prefilter, this, clientAddress);
    AppProtocol fb = fallback;
    return new ProtocolDetection(
        probes, fb == null ? null : (Supplier<AppLayer>) () -> fb.newLayer(context), context, all);
  }
}
