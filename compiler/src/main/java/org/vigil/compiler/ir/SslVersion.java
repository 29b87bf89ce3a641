package org.vigil.compiler.ir;

import java.util.List;

/**
 * {@code ssl_version:[!]v[,[!]v...]} with v one of sslv2, sslv3, tls1.0, tls1.1, tls1.2, tls1.3.
 */
public record SslVersion(SourcePos pos, List<Item> versions) implements AppLayerOption {
  public SslVersion {
    versions = List.copyOf(versions);
  }

  /** A protocol version. */
  public enum Version {
    SSLV2("sslv2"),
    SSLV3("sslv3"),
    TLS1_0("tls1.0"),
    TLS1_1("tls1.1"),
    TLS1_2("tls1.2"),
    TLS1_3("tls1.3");

    private final String text;

    Version(String text) {
      this.text = text;
    }

    /** The name as written. */
    public String text() {
      return text;
    }
  }

  /** One listed version, possibly negated. */
  public record Item(Version version, boolean negated) {}

  @Override
  public String keyword() {
    return "ssl_version";
  }
}
