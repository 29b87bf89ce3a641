package org.vigil.output;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.util.Map;

/**
 * Test output plugin found through ServiceLoader: writes "<event_type> <setting>" per record to a
 * file.
 */
public final class CollectingPlugin implements OutputPlugin {
  @Override
  public String name() {
    return "collect";
  }

  @Override
  public EventSink open(OutputContext c) throws IOException {
    Writer w = Files.newBufferedWriter(c.logDir().resolve(c.string("filename", "collected.txt")));
    String tag = c.string("tag", "none");
    return new EventSink() {
      @Override
      public void write(OutputEvent event) throws IOException {
        w.write(event.eventType() + " " + tag + "\n");
      }

      @Override
      public void stats(long ts, long uptime, Map<String, ?> counters) throws IOException {
        w.write("stats " + tag + "\n");
      }

      @Override
      public void flush() throws IOException {
        w.flush();
      }

      @Override
      public void close() throws IOException {
        w.close();
      }
    };
  }
}
