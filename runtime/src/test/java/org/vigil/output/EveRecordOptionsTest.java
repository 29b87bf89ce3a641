package org.vigil.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.testing.Json;

/**
 * The EVE record kinds and options of suricata.yaml's {@code types} list: anomaly records and their
 * types, fileinfo records, the alert options that log payload, frame and HTTP bodies, and drop
 * records with their transport fields.
 */
class EveRecordOptionsTest {
  @TempDir Path dir;

  private List<Map<String, String>> write(Object types, OutputEvent... events) throws Exception {
    Path file = dir.resolve("eve-" + System.nanoTime() + ".json");
    try (EveJsonWriter w =
        EveJsonWriter.open(file, EveTypes.parse(types, "outputs.eve-log.types"))) {
      for (OutputEvent e : events) {
        w.write(e);
      }
    }
    List<Map<String, String>> out = new java.util.ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      out.add(Json.flatten(line));
    }
    return out;
  }

  private static AnomalyEvent decode() {
    return new AnomalyEvent(
        TestEvents.tcpHeader(3), AnomalyEvent.DECODE, "decoder.ipv4.trunc_pkt", null, null, null);
  }

  private static AnomalyEvent applayer() {
    return AnomalyEvent.transaction(
        TestEvents.tcpHeader(4), "http", "REQUEST_FIELD_MISSING_COLON", 2);
  }

  @Test
  void anomalyRecordsAreAppLayerOnlyUnlessTheirTypesSayOtherwise() throws Exception {
    List<Map<String, String>> dflt = write(List.of("anomaly"), decode(), applayer());
    assertEquals(1, dflt.size(), dflt.toString());
    Map<String, String> a = dflt.get(0);
    assertEquals("anomaly", a.get("event_type"));
    assertEquals("2", a.get("tx_id"));
    assertEquals("http", a.get("anomaly.app_proto"));
    assertEquals("applayer", a.get("anomaly.type"));
    assertEquals("REQUEST_FIELD_MISSING_COLON", a.get("anomaly.event"));
    assertEquals("proto_parser", a.get("anomaly.layer"));

    List<Map<String, String>> decodeOnly =
        write(
            List.of(
                Map.of(
                    "anomaly",
                    Map.of("enabled", "yes", "types", Map.of("decode", "yes", "applayer", "no")))),
            decode(),
            applayer());
    assertEquals(1, decodeOnly.size(), decodeOnly.toString());
    assertEquals("decode", decodeOnly.get(0).get("anomaly.type"));
    assertEquals("decoder.ipv4.trunc_pkt", decodeOnly.get(0).get("anomaly.event"));
    assertFalse(decodeOnly.get(0).containsKey("tx_id"));
    assertFalse(decodeOnly.get(0).containsKey("anomaly.layer"));
  }

  @Test
  void aTypeSwitchedOffIsNotLogged() throws Exception {
    List<Map<String, String>> none =
        write(List.of(Map.of("anomaly", Map.of("enabled", "no")), "alert"), applayer());
    assertTrue(none.isEmpty(), none.toString());
  }

  @Test
  void fileinfoCarriesTheTransactionAndTheFile() throws Exception {
    FileEvent f =
        new FileEvent(
            TestEvents.tcpHeader(9),
            "http",
            TestEvents.http("curl/8"),
            1,
            "/index.html",
            false,
            "CLOSED",
            "d41d8cd98f00b204e9800998ecf8427e",
            null,
            null,
            1024);
    List<Map<String, String>> r = write(List.of("files"), f, TestEvents.alert(1, 2));
    assertEquals(1, r.size(), r.toString());
    Map<String, String> m = r.get(0);
    assertEquals("fileinfo", m.get("event_type"));
    assertEquals("/index.html?a=1", m.get("http.url"));
    assertEquals("http", m.get("app_proto"));
    assertEquals("/index.html", m.get("fileinfo.filename"));
    assertEquals("false", m.get("fileinfo.gaps"));
    assertEquals("CLOSED", m.get("fileinfo.state"));
    assertEquals("d41d8cd98f00b204e9800998ecf8427e", m.get("fileinfo.md5"));
    assertFalse(m.containsKey("fileinfo.sha256"));
    assertEquals("false", m.get("fileinfo.stored"));
    assertEquals("1024", m.get("fileinfo.size"));
    assertEquals("1", m.get("fileinfo.tx_id"));
  }

  @Test
  void alertOptionsLogPayloadPacketAndHttpBodies() throws Exception {
    byte[] payload = "GET /\r\n\u0001x".getBytes(StandardCharsets.ISO_8859_1);
    byte[] frame = {1, 2, 3, 4};
    AlertEvent a =
        TestEvents.alert(7, 3)
            .withPayload(
                new AlertPayload(
                    payload,
                    true,
                    frame,
                    1,
                    null,
                    "<html>\u0000".getBytes(StandardCharsets.ISO_8859_1)));
    Map<String, Object> opts =
        Map.of(
            "payload", "yes",
            "payload-printable", "yes",
            "packet", "yes",
            "http-body", "yes",
            "http-body-printable", "yes");
    Map<String, String> on = write(List.of(Map.of("alert", opts)), a).get(0);
    assertEquals(Base64.getEncoder().encodeToString(payload), on.get("payload"));
    assertEquals("GET /\r\n.x", on.get("payload_printable"));
    assertEquals("1", on.get("stream"));
    assertEquals(Base64.getEncoder().encodeToString(frame), on.get("packet"));
    assertEquals("1", on.get("packet_info.linktype"));
    assertEquals("PGh0bWw+AA==", on.get("http.http_response_body"));
    assertEquals("<html>.", on.get("http.http_response_body_printable"));
    assertEquals("Mozilla/5.0 (test)", on.get("http.http_user_agent"));
    assertFalse(on.containsKey("http.http_request_body"));

    // Suricata's default: none of it
    Map<String, String> off = write(List.of("alert"), a).get(0);
    for (String k : List.of("payload", "payload_printable", "stream", "packet")) {
      assertFalse(off.containsKey(k), k + " in " + off);
    }
    assertFalse(off.containsKey("http.http_response_body"));

    // stream data beyond payload-buffer-size: the last bytes
    Map<String, String> small =
        write(
                List.of(
                    Map.of(
                        "alert", Map.of("payload-printable", "yes", "payload-buffer-size", "3"))),
                a)
            .get(0);
    assertEquals(".x", small.get("payload_printable").substring(1));
    assertEquals(3, small.get("payload_printable").length());
  }

  @Test
  void badAlertOptionNamesItsKey() {
    OutputConfigException e =
        assertThrows(
            OutputConfigException.class,
            () ->
                EveOptions.of(
                    EveTypes.parse(
                        List.of(Map.of("alert", Map.of("payload", "maybe"))),
                        "outputs.eve-log.types"),
                    "outputs.eve-log.types"));
    assertEquals("outputs.eve-log.types.alert.payload", e.key());
  }

  @Test
  void dropRecordsCarryTransportFieldsAndTheirAlertOnlyWhenAsked() throws Exception {
    DropEvent d =
        new DropEvent(
            TestEvents.tcpHeader(13),
            60,
            0,
            64,
            4321,
            "rules",
            TestEvents.alert(2000003, 13),
            new DropDetails(false, 0, "tcp", 1000L, 2000L, 512, 0x18, 0, 0, 0, -1, -1));
    Map<String, String> plain = write(List.of("drop"), d).get(0);
    assertEquals("1000", plain.get("drop.tcpseq"));
    assertEquals("2000", plain.get("drop.tcpack"));
    assertEquals("512", plain.get("drop.tcpwin"));
    assertEquals("true", plain.get("drop.ack"));
    assertEquals("true", plain.get("drop.psh"));
    assertEquals("false", plain.get("drop.syn"));
    assertEquals("4321", plain.get("drop.ipid"));
    assertEquals("rules", plain.get("drop.reason"));
    assertFalse(plain.containsKey("alert.signature_id"));
    Map<String, String> withAlert =
        write(List.of(Map.of("drop", Map.of("alerts", "yes"))), d).get(0);
    assertEquals("2000003", withAlert.get("alert.signature_id"));
  }
}
