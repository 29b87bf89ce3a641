package org.vigil.app.dcerpc;

import java.util.ArrayList;
import java.util.List;
import org.vigil.app.AppUnit;
import org.vigil.app.UnitSink;
import org.vigil.detect.api.Buffers;

/**
 * The DCE/RPC units of one flow waiting for detection, per direction: each request or response a
 * {@link DcerpcParser} completed becomes a unit of its direction on its {@link DcerpcCall}, with
 * the call's dce_stub_data (when it has stub data) and state buffers (a rule alerts once per call
 * and direction), reported on the next pull of its direction (or, at flow end, of either).
 */
public final class DcerpcUnits {
  private final List<List<DcerpcParser.Ready>> pending =
      List.of(new ArrayList<>(), new ArrayList<>());

  /** Takes the calls {@code parser} made ready. */
  public void collect(DcerpcParser parser) {
    for (DcerpcParser.Ready u : parser.takeReady()) {
      pending.get(u.toServer() ? 0 : 1).add(u);
    }
  }

  /** Adds a unit of {@code call} in direction {@code toServer}. */
  void add(boolean toServer, DcerpcCall call) {
    pending.get(toServer ? 0 : 1).add(new DcerpcParser.Ready(toServer, call));
  }

  /** Reports the units of direction {@code toServer} (both at {@code flowEnd}) into {@code out}. */
  public void report(boolean toServer, boolean flowEnd, UnitSink out) {
    if (flowEnd) {
      report(true, out);
      report(false, out);
    } else {
      report(toServer, out);
    }
  }

  private void report(boolean toServer, UnitSink out) {
    List<DcerpcParser.Ready> list = pending.get(toServer ? 0 : 1);
    if (list.isEmpty()) {
      return;
    }
    List<DcerpcParser.Ready> now = List.copyOf(list);
    list.clear();
    for (DcerpcParser.Ready u : now) {
      out.inspect(unit(u.toServer(), u.call()));
    }
  }

  /**
   * A little-endian call's stub was inspected on this flow: byte_test/byte_jump dce read little
   * endian from then on, as Suricata's dce_stub_data inspection buffer keeps its little-endian mark
   * once set (Suricata keeps it per thread; here per flow).
   */
  private boolean littleSeen;

  /** {@code state} little endian when a little-endian stub was inspected on the flow before. */
  private byte[] markedState(byte[] state, boolean hasStub) {
    if (state == null || state.length <= DceStateBytes.FLAGS) {
      return state;
    }
    boolean little = (state[DceStateBytes.FLAGS] & DceStateBytes.LITTLE_ENDIAN) != 0;
    byte[] out = state;
    if (littleSeen && !little) {
      out = state.clone();
      out[DceStateBytes.FLAGS] |= DceStateBytes.LITTLE_ENDIAN;
    }
    littleSeen |= little && hasStub;
    return out;
  }

  /** The unit of {@code call} in direction {@code toServer}. */
  AppUnit unit(boolean toServer, DcerpcCall call) {
    byte[] stub = call.stub(toServer);
    byte[] state = markedState(call.state(), stub.length > 0);
    return new AppUnit(
        toServer,
        call,
        sink -> {
          if (stub.length > 0) {
            sink.put(Buffers.DCE_STUB_DATA, stub, 0, stub.length); // no stub, no buffer
          }
          if (state != null) {
            sink.put(Buffers.DCE_STATE, state, 0, state.length);
          }
        },
        rule -> call.firstAlert(toServer, rule));
  }
}
