package org.vigil.output.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.vigil.output.AlertEvent;
import org.vigil.output.FlowEvent;
import org.vigil.output.TestEvents;

/**
 * Records in the log that Vigil did not write (a foreign writer's, a damaged or torn one, a forged
 * count or stored record) are counted and skipped by every reader; the records around them read as
 * written.
 */
class AlertLogReaderTest {
  @TempDir Path logDir;

  private static byte[] bytesOf(java.util.function.Consumer<Bytes<?>> writer) {
    Bytes<?> b = Bytes.allocateElasticOnHeap(256);
    writer.accept(b);
    byte[] out = new byte[(int) b.readRemaining()];
    b.read(out);
    return out;
  }

  /**
   * Appends {@code docs} to the log as another writer would, each as one document, then {@code
   * text} (unless null) as a Chronicle text document.
   */
  private void foreignWrites(List<byte[]> docs, String text) {
    ChronicleSettings.apply();
    try (ChronicleQueue q =
            SingleChronicleQueueBuilder.binary(logDir.resolve(AlertLog.DIR_NAME).toFile())
                .rollCycle(AlertLogConfig.DEFAULT.rollCycle().chronicle)
                .build();
        ExcerptAppender appender = q.createAppender()) {
      for (byte[] b : docs) {
        try (DocumentContext dc = appender.writingDocument()) {
          dc.wire().bytes().write(b);
        }
      }
      if (text != null) {
        appender.writeText(text);
      }
    }
  }

  @Test
  void foreignAndDamagedRecordsAreCountedAndSkipped() throws Exception {
    byte[] alert = bytesOf(b -> AlertCodec.write(b, TestEvents.alert(7, 1)));
    FlowEvent flow = (FlowEvent) RecordCodecTest.everyKind().get(2);
    byte[] flowBytes = bytesOf(b -> RecordCodec.write(b, flow));
    List<byte[]> bad = new ArrayList<>();
    bad.add(java.util.Arrays.copyOf(alert, alert.length / 2)); // torn
    byte[] trailing = java.util.Arrays.copyOf(flowBytes, flowBytes.length + 1);
    bad.add(trailing); // a byte after the last field
    bad.add(new byte[] {RecordCodec.VERSION, 99, 0, 0}); // an unknown kind
    bad.add(new byte[] {42, 1, 2, 3, 4, 5, 6, 7, 8}); // an unknown version
    // a forged count: the metadata of an alert announcing 2^31-1 keys
    bad.add(
        bytesOf(
            b -> {
              b.write(alert, 0, alert.length);
            }));
    int metaAt = metadataCountOffset(alert);
    // little-endian 0x7fffffff
    bad.getLast()[metaAt] = (byte) 0xff;
    bad.getLast()[metaAt + 1] = (byte) 0xff;
    bad.getLast()[metaAt + 2] = (byte) 0xff;
    bad.getLast()[metaAt + 3] = 0x7f;
    // a stored app record that is not one JSON object
    bad.add(
        bytesOf(
            b -> {
              byte[] ok = bytesOf(x -> RecordCodec.write(x, RecordCodecTest.everyKind().get(1)));
              String text = new String(ok, java.nio.charset.StandardCharsets.ISO_8859_1);
              String broken = text.replace("{\"hostname\"", "]\"hostname\"");
              b.write(broken.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            }));
    try (AlertLog log = AlertLog.open(logDir, AlertLogConfig.DEFAULT)) {
      log.append(TestEvents.alert(1, 1));
    }
    foreignWrites(bad, "a foreign writer's text");
    foreignWrites(List.of(alert), null);
    int foreign = bad.size() + 1;
    List<Long> sids = new ArrayList<>();
    try (AlertLogReader r = AlertLogReader.open(logDir)) {
      r.drain(a -> sids.add(a.signatureId()));
      assertEquals(foreign, r.skipped(), r.lastSkipped());
    }
    assertEquals(List.of(1L, 7L), sids);
    // the run's own replay (eve.json catching up after a crash) passes over them too
    List<AlertEvent> replayed = new ArrayList<>();
    try (AlertLog log = AlertLog.open(logDir, AlertLogConfig.DEFAULT)) {
      log.replay(-1, 0, replayed::add);
      assertEquals(foreign, log.skipped());
    }
    assertEquals(List.of(1L, 7L), replayed.stream().map(AlertEvent::signatureId).toList());
  }

  @Test
  void randomRecordsNeverStopAReader() throws Exception {
    Random rnd = new Random(25);
    byte[] alert = bytesOf(b -> AlertCodec.write(b, TestEvents.alert(7, 1)));
    int n = 2000;
    try (AlertLog log = AlertLog.open(logDir, AlertLogConfig.DEFAULT)) {
      log.append(TestEvents.alert(1, 1));
    }
    List<byte[]> docs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] b;
      if (i % 2 == 0) {
        // a real record with bytes flipped
        b = alert.clone();
        for (int k = 0; k < 1 + rnd.nextInt(4); k++) {
          b[1 + rnd.nextInt(b.length - 1)] = (byte) rnd.nextInt(256);
        }
      } else {
        b = new byte[rnd.nextInt(300)];
        rnd.nextBytes(b);
      }
      docs.add(b);
    }
    foreignWrites(docs, null);
    long[] seen = {0};
    try (AlertLogReader r = AlertLogReader.open(logDir)) {
      while (r.nextRecord((index, rec) -> seen[0]++)) {
        // until nothing more
      }
      assertEquals(n + 1, seen[0] + r.skipped());
      assertTrue(r.skipped() > n / 2, "skipped " + r.skipped());
    }
  }

  /** Where layout 4 puts the metadata count of {@code alert}'s bytes (after the flow object). */
  private static int metadataCountOffset(byte[] alert) {
    // TestEvents.alert has no flow: the count follows the has_flow byte, after tx_id
    Bytes<?> b = Bytes.wrapForRead(alert);
    b.readByte();
    b.readLong();
    b.readLong();
    b.readLong();
    b.readUtf8();
    b.readUtf8();
    b.readInt();
    b.readUtf8();
    b.readInt();
    b.readUtf8();
    b.readUtf8();
    b.readInt();
    b.readInt();
    b.readByte();
    b.readInt();
    b.readLong();
    b.readInt();
    b.readUtf8();
    b.readUtf8();
    b.readInt();
    b.readUtf8();
    if (b.readUtf8() != null) {
      b.readUtf8();
    }
    b.readLong();
    b.readByte();
    return (int) b.readPosition();
  }
}
