package org.vigil.control;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The engine's unix socket, speaking Suricata's protocol so {@code suricatasc} and the scripts
 * written for it drive Vigil: a client first sends {@code {"version": "0.2"}} (no newline) and gets
 * {@code {"return": "OK"}}; then each message {@code {"command": NAME, "arguments": {...}}} gets
 * one line {@code {"return": "OK"|"NOK", "message": ...}}. {@code command-list} names the commands
 * of the groups given. Each client is served on a thread of its own; the socket file is removed
 * when closed.
 */
public final class ControlSocket implements AutoCloseable {
  /** The protocol version the server speaks; clients of the same major version are accepted. */
  static final String PROTOCOL_VERSION = "0.2";

  private static final int MAX_MESSAGE = 1 << 20;

  private final Path path;
  private final ServerSocketChannel server;
  private final Map<String, CommandGroup.Command> commands = new LinkedHashMap<>();
  private final Consumer<String> log;
  private volatile boolean closed;

  private ControlSocket(
      Path path, ServerSocketChannel server, List<CommandGroup> groups, Consumer<String> log) {
    this.path = path;
    this.server = server;
    this.log = log;
    for (CommandGroup g : groups) {
      commands.putAll(g.commands());
    }
  }

  /**
   * Listens on {@code path} (its folder made if missing; a stale socket file no engine answers on
   * is replaced) for the commands of {@code groups}; {@code log} gets the socket's notices.
   *
   * @throws IOException when the path cannot be bound or another engine listens on it
   */
  public static ControlSocket open(Path path, List<CommandGroup> groups, Consumer<String> log)
      throws IOException {
    Path abs = path.toAbsolutePath();
    if (abs.getParent() != null) {
      Files.createDirectories(abs.getParent());
    }
    if (Files.exists(abs)) {
      boolean answered;
      try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(abs))) {
        answered = probe.isConnected();
      } catch (IOException e) {
        answered = false;
      }
      if (answered) {
        throw new IOException("unix socket " + abs + ": another engine listens on it");
      }
      Files.delete(abs); // nobody answers: the file of an engine that ended without removing it
    }
    ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(abs));
    ControlSocket s = new ControlSocket(abs, server, groups, log);
    Thread t = new Thread(s::acceptLoop, "vigil-unix-socket");
    t.setDaemon(true);
    t.start();
    log.accept("unix socket listening on " + abs);
    return s;
  }

  /** The socket file. */
  public Path path() {
    return path;
  }

  /** The names {@code command-list} answers, {@code command-list} included. */
  public List<String> commandNames() {
    List<String> names = new ArrayList<>(commands.keySet());
    names.add("command-list");
    return names;
  }

  private void acceptLoop() {
    while (!closed) {
      try {
        SocketChannel c = server.accept();
        Thread t = new Thread(() -> serve(c), "vigil-unix-socket-client");
        t.setDaemon(true);
        t.start();
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        if (!closed) {
          log.accept("unix socket: " + e.getMessage());
        }
        return;
      }
    }
  }

  /** One client: the version handshake, then one answer per command until it hangs up. */
  private void serve(SocketChannel c) {
    try (c) {
      ByteBuffer buf = ByteBuffer.allocate(4096);
      StringBuilder pending = new StringBuilder();
      boolean versioned = false;
      while (c.read(buf) >= 0) {
        buf.flip();
        pending.append(StandardCharsets.UTF_8.decode(buf));
        buf.clear();
        int end;
        while ((end = Json.objectEnd(pending)) > 0) {
          String text = pending.substring(0, end);
          pending.delete(0, end);
          Reply reply;
          try {
            Map<String, Object> message = Json.parse(text);
            reply = versioned ? execute(message) : handshake(message);
          } catch (IOException e) {
            reply = Reply.nok("invalid JSON: " + e.getMessage());
          }
          write(c, reply);
          if (!versioned && !reply.ok()) {
            return;
          }
          versioned = true;
        }
        if (pending.length() > MAX_MESSAGE) {
          write(c, Reply.nok("message too long"));
          return;
        }
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  private static Reply handshake(Map<String, Object> message) {
    Object v = message.get("version");
    if (v == null) {
      return Reply.nok(
          "the first message must give the protocol version, as {\"version\": \"0.2\"}");
    }
    String major = PROTOCOL_VERSION.substring(0, PROTOCOL_VERSION.indexOf('.') + 1);
    return String.valueOf(v).startsWith(major)
        ? Reply.ok(null)
        : Reply.nok(
            "incompatible protocol version "
                + v
                + " (this engine speaks "
                + PROTOCOL_VERSION
                + ")");
  }

  /** Runs one command message. */
  Reply execute(Map<String, Object> message) {
    Object name = message.get("command");
    if (name == null) {
      return Reply.nok("no command given");
    }
    if ("command-list".equals(name)) {
      List<String> names = commandNames();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("count", names.size());
      m.put("commands", names);
      return Reply.ok(m);
    }
    CommandGroup.Command command = commands.get(String.valueOf(name));
    if (command == null) {
      return Reply.nok("Unknown command: " + name);
    }
    Map<String, Object> args =
        message.get("arguments") instanceof Map<?, ?> m ? castArguments(m) : Map.of();
    try {
      return command.run(args);
    } catch (Exception e) {
      return Reply.nok(name + ": " + e.getMessage());
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castArguments(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }

  private static void write(SocketChannel c, Reply reply) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("return", reply.ok() ? "OK" : "NOK");
    if (reply.message() != null) {
      m.put("message", reply.message());
    }
    ByteBuffer out = StandardCharsets.UTF_8.encode(Json.write(m) + "\n");
    while (out.hasRemaining()) {
      c.write(out);
    }
  }

  /** Stops listening and removes the socket file. */
  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      // closing anyway
    }
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // left behind: the next engine replaces a socket nobody answers on
    }
  }
}
