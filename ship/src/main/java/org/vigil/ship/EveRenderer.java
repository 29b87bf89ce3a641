package org.vigil.ship;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import org.vigil.output.EveJsonWriter;
import org.vigil.output.EveTypes;
import org.vigil.output.OutputEvent;
import org.vigil.output.log.LogRecord;

/**
 * Turns log records into the EVE JSON eve.json holds, one record's bytes at a time, with EVE's own
 * writer (plus the sensor's {@code host}), for the record types shipped. Single-threaded.
 */
final class EveRenderer implements AutoCloseable {
  private static final byte[] NONE = new byte[0];

  private final ByteArrayOutputStream buf = new ByteArrayOutputStream(2048);
  private final EveJsonWriter eve;
  private final boolean shipsStats;

  /** Renders the records of {@code types} (and the shipper's own stats records). */
  EveRenderer(String host, Integer communityIdSeed, EveTypes types) {
    this.shipsStats = types.logs(EveJsonWriter.Type.STATS);
    EnumSet<EveJsonWriter.Type> kinds = EnumSet.of(EveJsonWriter.Type.STATS);
    kinds.addAll(types.kinds());
    try {
      this.eve =
          new EveJsonWriter(
                  buf, new EveTypes(kinds, types.appTypes(), types.allAppTypes(), types.options()))
              .withHost(host)
              .withLoggedAlertOptions();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (communityIdSeed != null) {
      eve.withCommunityId(communityIdSeed);
    }
  }

  /**
   * The EVE record of {@code record}, UTF-8, without the line end; empty when its type is not
   * shipped.
   */
  byte[] render(LogRecord record) {
    return switch (record) {
      case LogRecord.Event(OutputEvent e) -> event(e);
      case LogRecord.Stats s ->
          shipsStats ? stats(s.timestampNanos(), s.uptimeSeconds(), s.counters()) : NONE;
    };
  }

  private byte[] event(OutputEvent e) {
    try {
      eve.write(e);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return take();
  }

  /** An EVE stats record of {@code counters}, UTF-8, without the line end. */
  byte[] stats(long timestampNanos, long uptimeSeconds, Map<String, ?> counters) {
    try {
      eve.stats(timestampNanos, uptimeSeconds, counters);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return take();
  }

  private byte[] take() {
    try {
      eve.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (buf.size() == 0) {
      return NONE;
    }
    byte[] b = buf.toByteArray();
    buf.reset();
    int n = b.length;
    while (n > 0 && b[n - 1] == '\n') {
      n--;
    }
    return n == b.length ? b : Arrays.copyOf(b, n);
  }

  @Override
  public void close() throws IOException {
    eve.close();
  }
}
