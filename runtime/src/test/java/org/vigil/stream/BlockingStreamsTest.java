package org.vigil.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.vigil.stream.policy.TargetPolicies;

/** A blocking-style module reads a connection like a socket from its own virtual thread. */
class BlockingStreamsTest {
  @Test
  void readerSeesTheStreamGapsAndTheEnd() throws Exception {
    StreamConfig cfg = StreamConfig.ids();
    TcpSession s =
        new TcpSession(
            cfg,
            new StreamCounters(),
            new StreamMemory(0),
            TargetPolicies.require("bsd"),
            TargetPolicies.require("bsd"),
            40000,
            80);
    BlockingStreams streams = new BlockingStreams(8); // tiny: the producer must wait for the reader
    s.setConsumer(streams);
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    Thread t =
        streams.start(
            true,
            in -> {
              ByteArrayOutputStream got = new ByteArrayOutputStream();
              byte[] b = new byte[5];
              while (true) {
                int n;
                try {
                  n = in.read(b, 0, b.length);
                } catch (StreamGapException g) {
                  seen.add(got.toString(StandardCharsets.ISO_8859_1));
                  got.reset();
                  seen.add("gap" + g.length());
                  continue;
                }
                if (n < 0) {
                  break;
                }
                got.write(b, 0, n);
              }
              seen.add(got.toString(StandardCharsets.ISO_8859_1));
              seen.add("eof");
            });
    s.process(Seg.of(10, 0, TcpFlags.SYN, ""), true);
    s.process(Seg.of(50, 11, TcpFlags.SYN | TcpFlags.ACK, ""), false);
    s.process(Seg.of(11, 51, TcpFlags.ACK, ""), true);
    s.process(Seg.of(11, 51, TcpFlags.ACK, "GET / HTTP/1.1\r\n"), true);
    s.process(Seg.of(30, 51, TcpFlags.ACK, "Host: x\r\n\r\n"), true); // 3 bytes missing before it
    s.process(Seg.of(51, 41, TcpFlags.ACK, ""), false);
    s.process(Seg.of(41, 51, TcpFlags.ACK | TcpFlags.FIN, ""), true);
    s.process(Seg.of(51, 42, TcpFlags.ACK, ""), false);
    t.join(TimeUnit.SECONDS.toMillis(10));
    assertEquals(List.of("GET / HTTP/1.1\r\n", "gap3", "Host: x\r\n\r\n", "eof"), seen);
    InputStream other = streams.input(false);
    s.close();
    assertEquals(-1, other.read(new byte[4], 0, 4), "closed direction reads -1");
  }
}
