package org.vigil.tools;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.vigil.control.CommandGroup;
import org.vigil.control.ControlSocket;
import org.vigil.control.EngineCommands;
import org.vigil.control.EngineView;
import org.vigil.control.RuleCommands;
import org.vigil.control.RuleReload;
import org.vigil.engine.EngineAssembly;
import org.vigil.engine.Run;
import org.vigil.outputs.Outputs;

/**
 * The control of one {@code vigil run}: the rule reload on {@code SIGUSR2}, and with a socket path
 * the unix socket and its commands; the runs of the command attach to it while they go on.
 */
final class RunControl implements AutoCloseable {
  private final EngineView view;
  private final RuleReload reload;
  private final AutoCloseable signal;
  private final ControlSocket socket;

  private RunControl(
      EngineView view, RuleReload reload, AutoCloseable signal, ControlSocket socket) {
    this.view = view;
    this.reload = reload;
    this.signal = signal;
    this.socket = socket;
  }

  /**
   * Starts the control of an engine described by {@code view}, whose rules {@code initial} came
   * from {@code rules}: SIGUSR2 reloads them; with {@code socketPath} the socket serves the
   * engine's and the rules' commands and {@code extra} ones. Notices go to {@code err}.
   *
   * @throws IOException when the socket cannot be opened
   */
  static RunControl start(
      EngineView view,
      RuleReload.Loader rules,
      RuleReload.Loaded initial,
      Path socketPath,
      PrintWriter err,
      List<CommandGroup> extra)
      throws IOException {
    java.util.function.Consumer<String> notice =
        m -> {
          synchronized (err) {
            err.println("vigil: " + m);
            err.flush();
          }
        };
    RuleReload reload = new RuleReload(rules, initial, notice);
    ControlSocket socket = null;
    if (socketPath != null) {
      List<CommandGroup> groups = new ArrayList<>();
      groups.add(new EngineCommands(view));
      groups.add(new RuleCommands(reload));
      groups.addAll(extra);
      socket = ControlSocket.open(socketPath, groups, notice);
    }
    return new RunControl(view, reload, reload.onSignal(), socket);
  }

  /**
   * The control of {@code vigil run}: the engine as its {@code source} and {@code layout} make it,
   * the socket where {@code op} or the configuration put it, the rules of {@code rules} (loaded
   * first as {@code loaded}); in the unix-socket run mode the socket also queues captures into
   * {@code pcaps}.
   */
  static RunControl forRun(
      RunCommand.Source source,
      OperatorRunOptions op,
      org.vigil.config.VigilConfig cfg,
      org.vigil.engine.ThreadLayout layout,
      RuleReload.Loader rules,
      RuleReload.Loaded loaded,
      org.vigil.control.PcapQueue pcaps,
      PrintWriter err)
      throws IOException {
    String capture =
        source.ifaces != null
            ? "AF_PACKET_DEV"
            : source.queue != null ? "NFQ" : source.capture != null ? "PCAP_FILE" : "UNIX_SOCKET";
    List<String> ifaces =
        source.ifaces != null
            ? source.ifaces
            : source.queue != null
                ? source.queue.stream().map(q -> "NFQ#" + q).toList()
                : List.of();
    EngineView view =
        new EngineView(
            VersionProvider.vigilVersion(),
            capture,
            layout.mode().name().toLowerCase(java.util.Locale.ROOT),
            ifaces,
            () -> {});
    err.println(
        "vigil: info: This is Vigil version "
            + VersionProvider.vigilVersion()
            + " (process "
            + ProcessHandle.current().pid()
            + "), capture mode "
            + capture
            + ", running mode "
            + layout.mode().name().toLowerCase(java.util.Locale.ROOT)
            + (ifaces.isEmpty() ? "" : " on " + String.join(", ", ifaces)));
    if (op.verbosity() >= 3) {
      cfg.dump().forEach(line -> err.println("vigil: config: " + line));
    }
    err.flush();
    List<CommandGroup> extra =
        capture.equals("UNIX_SOCKET")
            ? List.of(new org.vigil.control.PcapCommands(pcaps))
            : List.of();
    return start(view, rules, loaded, op.socketPath(cfg), err, extra);
  }

  /** The run {@code run} of {@code engine}, writing to {@code out}, goes on from now. */
  void attach(EngineAssembly engine, Run run, Outputs out) {
    reload.target(engine.rules());
    view.attach(run, out);
  }

  /** The run attached ended. */
  void detach() {
    reload.target(null);
    view.detach();
  }

  /** The rules' reload. */
  RuleReload reload() {
    return reload;
  }

  /** The engine as the socket sees it. */
  EngineView view() {
    return view;
  }

  @Override
  public void close() {
    try {
      signal.close();
    } catch (Exception e) {
      // the previous handler stays unset: the process ends anyway
    }
    if (socket != null) {
      socket.close();
    }
  }
}
