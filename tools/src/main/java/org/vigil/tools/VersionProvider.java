package org.vigil.tools;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** Prints Vigil's version and the JDK it runs on, for {@code vigil --version}. */
public final class VersionProvider implements CommandLine.IVersionProvider {

  /** The Vigil version baked in at build time. */
  public static String vigilVersion() {
    Properties p = new Properties();
    try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      // fall through to "unknown"
    }
    return p.getProperty("version", "unknown");
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      "vigil " + vigilVersion(),
      "JDK "
          + System.getProperty("java.version")
          + " ("
          + System.getProperty("java.vendor")
          + ", "
          + System.getProperty("java.home")
          + ")"
    };
  }
}
