package org.vigil.ship;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.vigil.output.OutputConfigException;

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
}
