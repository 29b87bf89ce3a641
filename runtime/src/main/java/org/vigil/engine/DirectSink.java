package org.vigil.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.vigil.output.AlertEvent;
import org.vigil.output.AppEvent;
import org.vigil.output.DropEvent;
import org.vigil.output.PcapFrame;
import org.vigil.outputs.Outputs;
import org.vigil.thread.module.EventSink;

/**
 * The event sink of a run whose chain runs on the calling thread ({@code single}, inline): events
 * go straight to the outputs, on the thread that owns them; an output that cannot write stops the
 * run.
 */
final class DirectSink implements EventSink {
  private final Outputs outputs;

  DirectSink(Outputs outputs) {
    this.outputs = outputs;
  }

  @Override
  public void alert(AlertEvent event) {
    try {
      outputs.alert(event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void transaction(AppEvent event) {
    try {
      outputs.transaction(event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void flow(org.vigil.output.FlowEvent event) {
    try {
      outputs.flow(event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void drop(DropEvent event) {
    try {
      outputs.drop(event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void record(org.vigil.output.OutputEvent event) {
    try {
      outputs.record(event);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void packet(PcapFrame frame) {
    try {
      outputs.packet(frame);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
