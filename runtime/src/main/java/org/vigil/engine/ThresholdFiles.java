package org.vigil.engine;

import java.io.IOException;
import java.nio.file.Path;
import org.vigil.config.ConfigException;
import org.vigil.config.VigilConfig;
import org.vigil.detect.threshold.ThresholdFile;
import org.vigil.detect.threshold.ThresholdFileException;
import org.vigil.detect.threshold.ThresholdPolicy;

/** Reads the configured {@code threshold-file} into the run's threshold policy. */
public final class ThresholdFiles {
  private ThresholdFiles() {}

  /**
   * The policy of {@code config}'s threshold file (none when not set).
   *
   * @throws ConfigException when the file cannot be read or has an error (naming file:line)
   */
  public static ThresholdPolicy load(VigilConfig config) {
    Path file = config.thresholdFile();
    if (file == null) {
      return ThresholdPolicy.none();
    }
    try {
      return new ThresholdPolicy(ThresholdFile.read(file, config.addressGroups()), file.toString());
    } catch (IOException e) {
      String why =
          switch (e) {
            case java.nio.file.NoSuchFileException x -> "no such file";
            case java.nio.charset.CharacterCodingException x -> "not a text file (not UTF-8)";
            default -> e.getMessage();
          };
      throw new ConfigException("threshold-file: cannot read " + file + ": " + why);
    } catch (ThresholdFileException e) {
      throw new ConfigException("threshold-file: " + e.getMessage());
    }
  }
}
