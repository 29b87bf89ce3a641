package org.vigil.output;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes alerts in Suricata's fast.log format, one line each: {@code 11/26/2026-18:50:42.123456
 * [**] [1:2000001:3] msg [**] [Classification: c] [Priority: 1] {TCP} a:1 -> b:2}. Blocked alerts
 * get Suricata's {@code [Drop] } prefix; a missing classification prints as {@code (null)}, as
 * Suricata does. Other record kinds are not logged here.
 */
public final class FastLogWriter implements AlertLineSink {
  private static final long AUTO_FLUSH_NANOS = 200_000_000L;

  private Writer out;
  private final EveTimestamp ts = new EveTimestamp();
  private final StringBuilder line = new StringBuilder(256);

  /** The line's characters handed to the writer (no string or array made per line). */
  private char[] chars = new char[256];

  private final Path file;
  private long lastFlush = System.nanoTime();

  /** Writes to {@code out}, closed with this writer. */
  public FastLogWriter(OutputStream out) {
    this(out, null);
  }

  private FastLogWriter(OutputStream out, Path file) {
    this.out = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    this.file = file;
  }

  @Override
  public void reopen() throws IOException {
    if (file == null) {
      return;
    }
    out.close();
    out =
        new OutputStreamWriter(
            new java.io.BufferedOutputStream(
                Files.newOutputStream(
                    file,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE),
                1 << 16),
            StandardCharsets.UTF_8);
  }

  /** Opens (appending to) {@code file}. */
  public static FastLogWriter open(Path file) throws IOException {
    return new FastLogWriter(
        new java.io.BufferedOutputStream(
            Files.newOutputStream(
                file,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND,
                StandardOpenOption.WRITE),
            1 << 16),
        file);
  }

  @Override
  public Path file() {
    return file;
  }

  /** Every line of fast.log is an alert. */
  @Override
  public boolean isAlertLine(String line) {
    return true;
  }

  /** Formats one alert as its fast.log line (without the newline). */
  public String format(AlertEvent a) {
    line.setLength(0);
    append(line, a);
    return line.toString();
  }

  private void append(StringBuilder sb, AlertEvent a) {
    EventHeader h = a.header();
    ts.appendFast(sb, h.timestampNanos()).append("  ");
    if (AlertEvent.BLOCKED.equals(a.action())) {
      sb.append("[Drop] ");
    }
    sb.append("[**] [")
        .append(a.gid())
        .append(':')
        .append(a.signatureId())
        .append(':')
        .append(a.rev())
        .append("] ")
        .append(a.signature())
        .append(" [**] [Classification: ")
        .append(a.category() == null ? "(null)" : a.category())
        .append("] [Priority: ")
        .append(a.severity())
        .append("] {")
        .append(h.proto())
        .append("} ");
    // ICMP has no ports: Suricata prints the type as the source's and the code as the destination's
    address(sb, h.srcIp(), h.icmpType() != null ? h.icmpType() : h.srcPort()).append(" -> ");
    address(sb, h.destIp(), h.icmpCode() != null ? h.icmpCode() : h.destPort());
  }

  private static StringBuilder address(StringBuilder sb, String ip, Integer port) {
    return sb.append(ip).append(':').append(port == null ? 0 : port);
  }

  @Override
  public void write(OutputEvent event) throws IOException {
    if (event instanceof AlertEvent a) {
      line.setLength(0);
      append(line, a);
      line.append('\n');
      int n = line.length();
      if (chars.length < n) {
        chars = new char[Math.max(n, 2 * chars.length)];
      }
      line.getChars(0, n, chars, 0);
      out.write(chars, 0, n);
      long now = System.nanoTime();
      if (now - lastFlush > AUTO_FLUSH_NANOS) {
        flush();
      }
    }
  }

  @Override
  public void flush() throws IOException {
    out.flush();
    lastFlush = System.nanoTime();
  }

  @Override
  public void close() throws IOException {
    out.close();
  }

  /** The {@code fast} output: {@code filename} (default fast.log). */
  public static final class Plugin implements OutputPlugin {
    @Override
    public String name() {
      return "fast";
    }

    @Override
    public EventSink open(OutputContext c) throws IOException {
      return FastLogWriter.open(c.fileName("fast.log"));
    }
  }
}
