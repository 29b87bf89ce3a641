package org.vigil.detect.api;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One named set of Suricata 7's datasets: values of one type (a string's bytes, an MD5 or SHA-256
 * digest, an IPv4 or IPv6 address) with an optional reputation number each (datarep), bounded by a
 * memcap. Its file ({@code load}, {@code save}, {@code state}) holds one value a line: a string in
 * base64, a digest in hex, an address as text, each optionally followed by {@code ,reputation}.
 * Shared by the detect threads of a run.
 */
public final class Dataset {
  /** The value types. */
  public enum Type {
    STRING,
    MD5,
    SHA256,
    IPV4,
    /** Suricata's "ip" and "ipv6": 16 bytes, an IPv4 address in its first 4 (rest 0). */
    IPV6;

    /** The type named as in a rule ({@code string md5 sha256 ipv4 ipv6 ip}), or null. */
    public static Type of(String name) {
      return switch (name) {
        case "string" -> STRING;
        case "md5" -> MD5;
        case "sha256" -> SHA256;
        case "ipv4" -> IPV4;
        case "ipv6", "ip" -> IPV6;
        default -> null;
      };
    }
  }

  /** Bytes a value costs beyond its own (the hash entry), counted against the memcap. */
  static final int ENTRY_OVERHEAD = 64;

  private final String name;
  private final Type type;
  private final Path load;
  private final Path save;
  private final long memcap;
  private final Map<ByteBuffer, Integer> values = new ConcurrentHashMap<>();
  private final AtomicLong memuse = new AtomicLong();

  /** An empty set; {@code load}/{@code save} may be null; {@code memcap} 0: unbounded. */
  public Dataset(String name, Type type, Path load, Path save, long memcap) {
    this.name = name;
    this.type = type;
    this.load = load;
    this.save = save;
    this.memcap = memcap;
  }

  public String name() {
    return name;
  }

  public Type type() {
    return type;
  }

  /** The file read at start, or null. */
  public Path load() {
    return load;
  }

  /** The file written at the end of a run, or null. */
  public Path save() {
    return save;
  }

  /** Values held. */
  public int size() {
    return values.size();
  }

  /** The key of {@code data[off, off+len)}, or null when its length does not fit the type. */
  private ByteBuffer key(byte[] data, int off, int len) {
    int want =
        switch (type) {
          case STRING -> len;
          case MD5 -> 16;
          case SHA256 -> 32;
          case IPV4 -> 4;
          case IPV6 -> len == 4 ? 4 : 16;
        };
    if (len != want || (type == Type.STRING && len == 0)) {
      return null;
    }
    byte[] k = new byte[type == Type.IPV6 ? 16 : len];
    System.arraycopy(data, off, k, 0, len);
    return ByteBuffer.wrap(k);
  }

  /** {@code set}: 1 when the value was added, 0 when it was there, -1 when it cannot be. */
  public int add(byte[] data, int off, int len) {
    return add(data, off, len, 0);
  }

  private int add(byte[] data, int off, int len, int rep) {
    ByteBuffer k = key(data, off, len);
    if (k == null) {
      return -1;
    }
    if (values.containsKey(k)) {
      return 0;
    }
    long cost = k.capacity() + ENTRY_OVERHEAD;
    if (memcap > 0 && memuse.addAndGet(cost) > memcap) {
      memuse.addAndGet(-cost);
      return -1;
    }
    if (values.putIfAbsent(k, rep) != null) {
      memuse.addAndGet(-cost);
      return 0;
    }
    if (memcap <= 0) {
      memuse.addAndGet(cost);
    }
    return 1;
  }

  /** {@code isset}: 1 when the value is held, 0 when not, -1 when its length does not fit. */
  public int lookup(byte[] data, int off, int len) {
    ByteBuffer k = key(data, off, len);
    return k == null ? -1 : values.containsKey(k) ? 1 : 0;
  }

  /** {@code unset}: 1 when the value was removed, 0 when it was not held, -1 when it cannot be. */
  public int remove(byte[] data, int off, int len) {
    ByteBuffer k = key(data, off, len);
    if (k == null) {
      return -1;
    }
    if (values.remove(k) == null) {
      return 0;
    }
    memuse.addAndGet(-(k.capacity() + ENTRY_OVERHEAD));
    return 1;
  }

  /** The reputation of the value (datarep), or -1 when it is not held. */
  public int reputation(byte[] data, int off, int len) {
    ByteBuffer k = key(data, off, len);
    Integer r = k == null ? null : values.get(k);
    return r == null ? -1 : r;
  }

  /** Reads {@code file}: one value a line, optionally {@code ,reputation}; empty lines skipped. */
  public void read(Path file) throws IOException {
    int n = 0;
    for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
      n++;
      if (line.isEmpty()) {
        continue;
      }
      int comma = line.indexOf(',');
      String v = comma < 0 ? line : line.substring(0, comma);
      int rep = 0;
      if (comma >= 0) {
        try {
          rep = Integer.parseInt(line.substring(comma + 1).trim());
        } catch (NumberFormatException e) {
          rep = -1;
        }
        if (rep < 0 || rep > 65535) {
          throw new IOException(file + ":" + n + ": bad reputation in dataset " + name);
        }
      }
      byte[] b;
      try {
        b = parse(v);
      } catch (IllegalArgumentException | java.net.UnknownHostException e) {
        throw new IOException(file + ":" + n + ": bad value for dataset " + name + ": " + v);
      }
      if (add(b, 0, b.length, rep) < 0) {
        throw new IOException(file + ":" + n + ": dataset " + name + " cannot hold " + v);
      }
    }
  }

  private byte[] parse(String v) throws java.net.UnknownHostException {
    return switch (type) {
      case STRING -> Base64.getDecoder().decode(v.trim());
      case MD5, SHA256 -> HexFormat.of().parseHex(v.trim());
      case IPV4 -> ipv4Literal(v.trim());
      case IPV6 -> {
        String t = v.trim();
        if (t.indexOf(':') < 0) {
          yield ipv4Literal(t);
        }
        if (!t.matches("[0-9A-Fa-f:.]+")) {
          throw new IllegalArgumentException(v);
        }
        // a literal with ':' is never looked up; an IPv4-mapped one comes back as 4 bytes
        yield InetAddress.getByName(t).getAddress();
      }
    };
  }

  /** The 4 bytes of a dotted-quad IPv4 literal (inet_pton's form). */
  private static byte[] ipv4Literal(String t) {
    String[] p = t.split("\\.", -1);
    if (p.length != 4) {
      throw new IllegalArgumentException(t);
    }
    byte[] a = new byte[4];
    for (int i = 0; i < 4; i++) {
      if (!p[i].matches("[0-9]{1,3}") || Integer.parseInt(p[i]) > 255) {
        throw new IllegalArgumentException(t);
      }
      a[i] = (byte) Integer.parseInt(p[i]);
    }
    return a;
  }

  /** Writes every value to {@code file}, in the format {@link #read} reads. */
  public void write(Path file) throws IOException {
    List<String> lines = new ArrayList<>();
    values.forEach((k, rep) -> lines.add(format(k.array()) + (rep != 0 ? "," + rep : "")));
    java.util.Collections.sort(lines);
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.ISO_8859_1)) {
      for (String l : lines) {
        w.write(l);
        w.write('\n');
      }
    }
  }

  private String format(byte[] k) {
    return switch (type) {
      case STRING -> Base64.getEncoder().encodeToString(k);
      case MD5, SHA256 -> HexFormat.of().formatHex(k);
      case IPV4 -> ipv4(k, 0);
      case IPV6 -> {
        boolean v4 = true;
        for (int i = 4; i < 16; i++) {
          v4 &= k[i] == 0;
        }
        if (v4) {
          yield ipv4(k, 0);
        }
        try {
          yield InetAddress.getByAddress(k).getHostAddress();
        } catch (java.net.UnknownHostException e) {
          throw new IllegalStateException(e);
        }
      }
    };
  }

  private static String ipv4(byte[] k, int o) {
    return (k[o] & 0xff)
        + "."
        + (k[o + 1] & 0xff)
        + "."
        + (k[o + 2] & 0xff)
        + "."
        + (k[o + 3] & 0xff);
  }
}
