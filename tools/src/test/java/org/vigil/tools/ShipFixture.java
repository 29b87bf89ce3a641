package org.vigil.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The run the Kafka shipping tests ship from: the zeek HTTP captures under three rules, with
 * eve.json writing alert (payload and packet), http and flow records for one sensor name.
 */
final class ShipFixture {
  static final Path CAPTURES =
      Path.of(System.getProperty("vigil.corpus", "../../shared/corpus")).resolve("pcaps/zeek/http");
  static final String SENSOR = "zeek-sensor-1";
  static final String RULES =
      """
      alert tcp any any -> any any (msg:"TCP SYN"; flags:S; sid:1000001; rev:1;)
      alert tcp any any -> any any (msg:"HTTP GET"; flow:to_server,established; content:"GET"; http_method; sid:1000002; rev:1;)
      alert tcp any any -> any any (msg:"HTTP 200"; flow:to_client,established; content:"200"; http_stat_code; sid:1000003; rev:1;)
      """;

  /** The types the runs ship, and eve.json's records of them. */
  static final List<String> TYPES = List.of("alert", "http", "flow");

  private ShipFixture() {}

  /**
   * A vigil.yaml for the sensor whose eve.json writes the shipped types, with {@code outputs}
   * entries after eve-log (each line indented by two spaces, or empty).
   */
  static Path config(Path file, String moreOutputs) throws IOException {
    return Files.writeString(
        file,
        """
        sensor-name: %s
        outputs:
          eve-log:
            types:
              - alert:
                  payload: yes
                  payload-printable: yes
                  packet: yes
              - http
              - flow
        %s"""
            .formatted(SENSOR, moreOutputs));
  }

  /** The fixture's rules written into {@code dir}. */
  static Path rules(Path dir) throws IOException {
    return Files.writeString(dir.resolve("ship.rules"), RULES);
  }

  /** {@code vigil run} over the captures with these rules and config into {@code logs}; exit 0. */
  static void run(Path rules, Path yaml, Path logs) {
    CliRun run =
        CliRun.of(
            "run",
            "-r",
            CAPTURES.toString(),
            "-S",
            rules.toString(),
            "-c",
            yaml.toString(),
            "-l",
            logs.toString());
    assertEquals(0, run.code(), run.err());
  }

  /** eve.json's records of the shipped types in {@code logs}. */
  static List<String> shippedRecords(Path logs) throws IOException {
    return Files.readAllLines(logs.resolve("eve.json")).stream()
        .filter(KafkaRecords::shippedType)
        .toList();
  }
}
