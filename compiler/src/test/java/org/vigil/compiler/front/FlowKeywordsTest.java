package org.vigil.compiler.front;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.vigil.compiler.front.Rules.bad;
import static org.vigil.compiler.front.Rules.one;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.vigil.compiler.ir.Flow;
import org.vigil.compiler.ir.Flowbits;
import org.vigil.compiler.ir.NumericCheck;
import org.vigil.compiler.ir.StreamSize;

class FlowKeywordsTest {

  @Test
  void flowForms() {
    Flow f = one("flow:established, to_server;", Flow.class);
    assertEquals(Flow.Dir.TO_SERVER, f.direction());
    assertEquals(Flow.State.ESTABLISHED, f.state());
    assertNull(f.stream());
    assertEquals(
        Flow.Dir.TO_CLIENT,
        one("flow:from_server,established,only_stream;", Flow.class).direction());
    assertEquals(
        Flow.StreamMode.NO_STREAM,
        one("flow:to_server,established,no_stream;", Flow.class).stream());
    assertEquals(Flow.State.STATELESS, one("flow:stateless;", Flow.class).state());
    assertEquals(
        Flow.State.NOT_ESTABLISHED, one("flow:from_server,not_established;", Flow.class).state());
    assertEquals(Flow.FragMode.ONLY_FRAG, one("flow:only_frag;", Flow.class).frag());
    assertEquals("flow: conflicting directions", bad("flow:to_server,to_client;"));
    assertEquals(
        "flow: unknown flow option 'sideways' (to_server, to_client, from_server, from_client, established,"
            + " not_established, stateless, no_stream, only_stream, no_frag, only_frag)",
        bad("flow:sideways;"));
  }

  @Test
  void flowbitsForms() {
    Flowbits s = one("flowbits:set,ET.TorIP;", Flowbits.class);
    assertEquals(Flowbits.Command.SET, s.command());
    assertEquals(List.of("ET.TorIP"), s.names());
    Flowbits any = one("flowbits:isset,a|b-c|d;", Flowbits.class);
    assertEquals(Flowbits.Join.ANY, any.join());
    assertEquals(List.of("a", "b-c", "d"), any.names());
    Flowbits all = one("flowbits:set,a&b,grp;", Flowbits.class);
    assertEquals(Flowbits.Join.ALL, all.join());
    assertEquals("grp", all.group());
    assertEquals(Flowbits.Command.NOALERT, one("flowbits:noalert;", Flowbits.class).command());
    assertEquals(Flowbits.Command.ISNOTSET, one("flowbits:isnotset,x;", Flowbits.class).command());
    assertEquals(Flowbits.Command.TOGGLE, one("flowbits:toggle,x;", Flowbits.class).command());
    assertEquals(Flowbits.Command.UNSET, one("flowbits:unset,x;", Flowbits.class).command());
    assertEquals(
        "flowbits: unknown command 'flip' (set, unset, toggle, isset, isnotset, noalert, reset)",
        bad("flowbits:flip,x;"));
    assertEquals("flowbits: set needs a bit name", bad("flowbits:set;"));
    assertEquals("flowbits: '|' is only allowed with isset and isnotset", bad("flowbits:set,a|b;"));
    assertEquals("flowbits: can't mix '&' and '|' in one flowbits", bad("flowbits:isset,a&b|c;"));
    assertEquals("flowbits: noalert takes no bit name", bad("flowbits:noalert,x;"));
  }

  @Test
  void streamSizeForms() {
    StreamSize s = one("stream_size:server,>,100;", StreamSize.class);
    assertEquals(StreamSize.Side.SERVER, s.side());
    assertEquals(NumericCheck.of(NumericCheck.Op.GT, 100), s.check());
    assertEquals(
        NumericCheck.Op.NE, one("stream_size:either,!=,5;", StreamSize.class).check().op());
    assertEquals(
        "stream_size: unknown side 'middle' (server, client, both, either)",
        bad("stream_size:middle,>,1;"));
    assertEquals(
        "stream_size: invalid operator '<>' (<, >, <=, >=, =, !=)", bad("stream_size:both,<>,1;"));
  }
}
