package org.vigil.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.vigil.stream.policy.TargetPolicies;

/**
 * When a direction's holes become gaps: only below data that was seen, as Suricata's CheckGap and
 * raw GAP logic.
 */
class StreamDirectionTest {

  @Test
  void anAckBeyondTheSeenDataIsNotAGapAndTheDataArrivingLaterIsInspected() {
    // a TSO capture: the receiver's ACK (12 bytes) is captured before the segment it acknowledges
    Conn c = new Conn(StreamConfig.ids(), TargetPolicies.require("bsd"), 1000, 5000).handshake();
    c.cdata(1, "hello ");
    c.sack(13);
    c.cdata(7, "world!");
    c.sack(13);
    assertEquals("hello world!", c.rec.toServer.toString());
    c.session.close();
    assertEquals("hello world!", c.rec.rawNewToServer.toString());
    assertEquals(0, c.session.eventCount(StreamEvent.GAP));
    assertEquals(1, c.session.eventCount(StreamEvent.ACK_UNSEEN_DATA));
  }

  @Test
  void aHoleBelowLaterDataIsAGapOnceAcked() {
    Conn c = new Conn(StreamConfig.ids(), TargetPolicies.require("bsd"), 1000, 5000).handshake();
    c.cdata(1, "abc");
    c.cdata(7, "ghi"); // bytes 4..6 never captured
    c.sack(10);
    assertEquals("abc___ghi", c.rec.toServer.toString());
    assertEquals(1, c.session.eventCount(StreamEvent.GAP));
    c.session.close();
    assertEquals("abc___ghi", c.rec.rawNewToServer.toString());
  }

  @Test
  void anAckedTrailingHoleNeverFilledLeavesTheDataBeforeItWhole() {
    Conn c = new Conn(StreamConfig.ids(), TargetPolicies.require("bsd"), 1000, 5000).handshake();
    c.cdata(1, "abc");
    c.sack(20);
    c.session.close();
    assertEquals("abc", c.rec.toServer.toString());
    assertEquals("abc", c.rec.rawNewToServer.toString());
    assertEquals(0, c.session.eventCount(StreamEvent.GAP));
  }
}
