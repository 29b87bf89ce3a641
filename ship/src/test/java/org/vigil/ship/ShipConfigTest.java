package org.vigil.ship;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.vigil.output.EveJsonWriter;
import org.vigil.output.OutputConfigException;
import org.vigil.output.log.AlertLogConfig;
import org.vigil.outputs.OutputConfig;

/** What {@code outputs.kafka} settings mean for the producer, and how bad ones are refused. */
class ShipConfigTest {

  @Test
  void theProducerIsAlwaysIdempotentAndTransactionalWhateverIsPassedThrough() {
    ShipConfig c =
        ShipConfig.fromMap(
            Map.of(
                "bootstrap-servers",
                List.of("k1:9092", "k2:9092"),
                "sensor-name",
                "dmz-1",
                "compression",
                "zstd",
                "producer",
                Map.of("enable.idempotence", "false", "acks", "1", "security.protocol", "SSL")),
            "outputs.kafka");
    Properties p = c.producerProperties();
    assertEquals("k1:9092,k2:9092", p.get("bootstrap.servers"));
    assertEquals("true", p.get("enable.idempotence"));
    assertEquals("all", p.get("acks"));
    assertEquals("SSL", p.get("security.protocol"));
    assertEquals("zstd", p.get("compression.type"));
    assertEquals("vigil-ship-dmz-1-vigil-eve", p.get("transactional.id"));
    assertEquals("dmz-1", c.sensorName());
  }

  @Test
  void badSettingsAreRefusedByTheirKey() {
    var missing =
        assertThrows(
            OutputConfigException.class, () -> ShipConfig.fromMap(Map.of(), "outputs.kafka"));
    assertEquals("outputs.kafka.bootstrap-servers", missing.key());
    var codec =
        assertThrows(
            OutputConfigException.class,
            () ->
                ShipConfig.fromMap(
                    Map.of("bootstrap-servers", "k:1", "compression", "brotli"), "outputs.kafka"));
    assertTrue(codec.getMessage().contains("brotli"), codec.getMessage());
    var unknown =
        assertThrows(
            OutputConfigException.class,
            () ->
                ShipConfig.fromMap(
                    Map.of("bootstrap-servers", "k:1", "topik", "x"), "outputs.kafka"));
    assertEquals("outputs.kafka.topik", unknown.key());
    var batch =
        assertThrows(
            OutputConfigException.class,
            () ->
                ShipConfig.fromMap(
                    Map.of("bootstrap-servers", "k:1", "batch", 0), "outputs.kafka"));
    assertEquals("outputs.kafka.batch", batch.key());
  }

  @Test
  void shippedTypesAndTheDiskBudgetBecomeTheRunsLogSettings() {
    Map<String, Object> kafka =
        Map.of(
            "bootstrap-servers",
            "k:1",
            "types",
            List.of("alert", "http", "flow"),
            "disk-budget",
            "512m");
    ShipConfig c = ShipConfig.fromMap(kafka, "outputs.kafka");
    assertEquals(512L << 20, c.diskBudget());
    assertTrue(c.types().logsApp("http"));
    assertTrue(!c.types().logsApp("dns"));
    OutputConfig outputs =
        KafkaOutput.prepare(
            OutputConfig.fromYaml(
                Map.of(
                    "alert-log",
                    Map.of("retention", Map.of("max-size", "1g"), "types", List.of("dns")),
                    "kafka",
                    kafka),
                Path.of(".")),
            "dmz-1");
    AlertLogConfig log = outputs.alertLog();
    assertEquals(512L << 20, log.maxBytes(), "the smaller cap wins");
    assertTrue(log.types().logs(EveJsonWriter.Type.ALERT));
    assertTrue(log.types().logs(EveJsonWriter.Type.FLOW));
    assertTrue(log.types().logsApp("http") && log.types().logsApp("dns"));
    assertTrue(!log.types().logs(EveJsonWriter.Type.STATS));
    // without types: alerts only, as before
    ShipConfig plain = ShipConfig.fromMap(Map.of("bootstrap-servers", "k:1"), "outputs.kafka");
    assertTrue(!plain.types().logs(EveJsonWriter.Type.FLOW) && plain.diskBudget() == 0);
    var bad =
        assertThrows(
            OutputConfigException.class,
            () ->
                ShipConfig.fromMap(
                    Map.of("bootstrap-servers", "k:1", "disk-budget", "lots"), "outputs.kafka"));
    assertEquals("outputs.kafka.disk-budget", bad.key());
  }
}
