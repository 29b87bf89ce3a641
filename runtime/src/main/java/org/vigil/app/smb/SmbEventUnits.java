package org.vigil.app.smb;

import java.util.ArrayList;
import java.util.List;
import org.vigil.app.AlertedRules;
import org.vigil.app.AppRecord;
import org.vigil.app.AppTransaction;
import org.vigil.app.AppUnit;
import org.vigil.app.UnitSink;
import org.vigil.detect.api.Buffers;

/**
 * The transactions Suricata has set SMB parser events on, as detection sees them ({@code
 * app-layer-event:smb.malformed_data}, {@code smb.file_overlap}): a transaction an event was just
 * set on is inspected with its events on the packet being processed and on the next packet of the
 * other direction, and a rule alerts on it once per direction.
 */
final class SmbEventUnits {
  private final List<EventTransaction> pending = new ArrayList<>(2);

  /** A transaction an event is set on: only its number is logged. */
  static final class EventTransaction implements AppTransaction {
    private final long id;
    private final byte[] events = new byte[Buffers.APP_EVENT_BYTES];
    private final AlertedRules[] alerted = {new AlertedRules(), new AlertedRules()};

    /** Not yet inspected since its last event, per direction (0 to the server). */
    private final boolean[] due = new boolean[2];

    EventTransaction(long id) {
      this.id = id;
    }

    @Override
    public long id() {
      return id;
    }

    @Override
    public AppRecord appRecord() {
      return null; // the event's own anomaly record is all that is written of it
    }

    @Override
    public boolean firstAlert(int rule) {
      return firstAlert(true, rule);
    }

    /** True the first time {@code rule} alerts on it in direction {@code toServer}. */
    boolean firstAlert(boolean toServer, int rule) {
      return alerted[toServer ? 0 : 1].first(rule);
    }
  }

  /**
   * Event {@code name} ({@code "malformed_data"}) is set on transaction {@code tx}: returns the
   * transaction to log it with.
   */
  EventTransaction raise(long tx, String name) {
    EventTransaction t = null;
    for (EventTransaction p : pending) {
      if (p.id == tx) {
        t = p;
      }
    }
    if (t == null) {
      t = new EventTransaction(tx);
      pending.add(t);
    }
    int id = Buffers.APP_EVENT_NAMES.indexOf("smb." + name);
    if (id >= 0) {
      t.events[id >>> 3] |= (byte) (1 << (id & 7));
    }
    t.due[0] = true;
    t.due[1] = true;
    return t;
  }

  /** The detection pass of direction {@code toServer}: the transactions due in it. */
  void report(boolean toServer, UnitSink out) {
    if (pending.isEmpty()) {
      return;
    }
    int d = toServer ? 0 : 1;
    for (int i = 0; i < pending.size(); i++) {
      EventTransaction t = pending.get(i);
      if (!t.due[d]) {
        continue;
      }
      t.due[d] = false;
      byte[] events = t.events.clone();
      out.inspect(
          new AppUnit(
              toServer,
              t,
              sink -> sink.put(Buffers.APP_EVENTS, events, 0, events.length),
              rule -> t.firstAlert(toServer, rule)));
    }
    pending.removeIf(t -> !t.due[0] && !t.due[1]);
  }
}
