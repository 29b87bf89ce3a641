package org.vigil.ship;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import org.vigil.output.AlertEvent;
import org.vigil.output.EveJsonWriter;
import org.vigil.output.EveTypes;

/**
 * Turns alert log records into the EVE JSON eve.json holds, one record's bytes at a time, with
 * EVE's own writer (plus the sensor's {@code host}). Single-threaded.
 */
final class EveRenderer implements AutoCloseable {
  private final ByteArrayOutputStream buf = new ByteArrayOutputStream(2048);
  private final EveJsonWriter eve;

  EveRenderer(String host, Integer communityIdSeed) {
    try {
      this.eve =
          new EveJsonWriter(
                  buf, EveTypes.of(EnumSet.of(EveJsonWriter.Type.ALERT, EveJsonWriter.Type.STATS)))
              .withHost(host);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (communityIdSeed != null) {
      eve.withCommunityId(communityIdSeed);
    }
  }

  /** The EVE record of {@code alert}, UTF-8, without the line end. */
  byte[] alert(AlertEvent alert) {
    try {
      eve.write(alert);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
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
