package org.vigil.app.http;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.vigil.config.ConfigException;
import org.vigil.config.VigilConfig;

/**
 * The digests of one file's bytes that EVE's fileinfo records carry when {@code force-hash} asks
 * for them ({@code md5}, {@code sha1}, {@code sha256}).
 */
final class FileDigests {
  /** The digests Suricata can force. */
  static final Set<String> ALGORITHMS = Set.of("md5", "sha1", "sha256");

  private final MessageDigest md5;
  private final MessageDigest sha1;
  private final MessageDigest sha256;

  private FileDigests(Set<String> hashes) {
    md5 = hashes.contains("md5") ? digest("MD5") : null;
    sha1 = hashes.contains("sha1") ? digest("SHA-1") : null;
    sha256 = hashes.contains("sha256") ? digest("SHA-256") : null;
  }

  /** Digests for {@code hashes}, or null when there are none to compute. */
  static FileDigests of(Set<String> hashes) {
    return hashes.isEmpty() ? null : new FileDigests(hashes);
  }

  void update(byte[] b, int off, int len) {
    if (md5 != null) {
      md5.update(b, off, len);
    }
    if (sha1 != null) {
      sha1.update(b, off, len);
    }
    if (sha256 != null) {
      sha256.update(b, off, len);
    }
  }

  /**
   * The hex digests md5, sha1, sha256 (null for one not computed); the file is finished (call
   * once).
   */
  String[] finish() {
    HexFormat hex = HexFormat.of();
    return new String[] {
      md5 == null ? null : hex.formatHex(md5.digest()),
      sha1 == null ? null : hex.formatHex(sha1.digest()),
      sha256 == null ? null : hex.formatHex(sha256.digest())
    };
  }

  private static MessageDigest digest(String name) {
    try {
      return MessageDigest.getInstance(name);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks " + name, e);
    }
  }

  /**
   * The {@code force-hash} list of the EVE output's {@code files} type in {@code cfg} ({@code
   * outputs: [- eve-log: {types: [- files: {force-hash: [md5]}]}]}, list or map form); empty when
   * none.
   */
  static Set<String> forceHash(VigilConfig cfg) {
    Object outputs = cfg.get("outputs");
    Object eve = null;
    if (outputs instanceof Map<?, ?> m) {
      eve = m.get("eve-log");
    } else if (outputs instanceof List<?> l) {
      for (Object o : l) {
        if (o instanceof Map<?, ?> m && m.containsKey("eve-log")) {
          eve = m.get("eve-log");
        }
      }
    }
    if (!(eve instanceof Map<?, ?> e) || !(e.get("types") instanceof List<?> types)) {
      return Set.of();
    }
    for (Object t : types) {
      if (t instanceof Map<?, ?> m && m.get("files") instanceof Map<?, ?> files) {
        Object fh = files.get("force-hash");
        Set<String> out = new LinkedHashSet<>();
        if (fh instanceof List<?> l) {
          l.forEach(x -> out.add(String.valueOf(x).trim().toLowerCase(java.util.Locale.ROOT)));
        } else if (fh != null) {
          out.add(fh.toString().trim().toLowerCase(java.util.Locale.ROOT));
        }
        for (String h : out) {
          if (!ALGORITHMS.contains(h)) {
            throw new ConfigException(
                "outputs.eve-log.types.files.force-hash: unknown hash '"
                    + h
                    + "' (md5, sha1, sha256)");
          }
        }
        return out;
      }
    }
    return Set.of();
  }
}
