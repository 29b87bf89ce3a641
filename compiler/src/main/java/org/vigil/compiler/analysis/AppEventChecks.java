package org.vigil.compiler.analysis;

import org.vigil.compiler.ir.AppLayerEvent;
import org.vigil.compiler.ir.Buffer;
import org.vigil.compiler.ir.ByteTest;
import org.vigil.compiler.ir.Endian;
import org.vigil.compiler.ir.IntArg;
import org.vigil.compiler.ir.NumberEncoding;

/**
 * Lowers {@code app-layer-event} onto a byte test of the internal app events buffer the app layers
 * fill (see {@code org.vigil.detect.api.AppEvents}): the event's bit is set. A unit without that
 * buffer (a protocol raising no events) never matches.
 */
final class AppEventChecks {
  private AppEventChecks() {}

  static ByteTest lower(AppLayerEvent e) {
    return new ByteTest(
        e.pos(),
        1,
        false,
        ByteTest.Operator.AND,
        IntArg.of(1L << (e.id() & 7)),
        IntArg.of(e.id() >>> 3),
        false,
        Endian.BIG,
        NumberEncoding.BINARY,
        false,
        null,
        Buffer.APP_EVENTS);
  }
}
