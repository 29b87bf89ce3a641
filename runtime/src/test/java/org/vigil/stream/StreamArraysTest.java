package org.vigil.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.vigil.stream.policy.TargetPolicies;

/**
 * Stream data arrays given back are taken again by the next store growing to their length, hold
 * nothing of their last store, and are kept only within the idle limit and the budget's room.
 */
class StreamArraysTest {
  private static final int LEN = StreamMemory.INITIAL_ARRAY * 2;

  @Test
  void aReusedArrayHoldsTheNewStoresBytesThenZerosNotTheOldOnes() {
    StreamMemory memory = new StreamMemory(0);
    byte[] old = new byte[LEN];
    Arrays.fill(old, (byte) 0x5a);
    memory.giveArray(old);
    byte[] prefix = {1, 2, 3};
    byte[] taken = memory.takeArray(LEN, prefix, prefix.length);
    assertSame(old, taken);
    byte[] expected = new byte[LEN];
    System.arraycopy(prefix, 0, expected, 0, prefix.length);
    assertArrayEquals(expected, taken);
    assertEquals(0, memory.idleArrayBytes());
  }

  @Test
  void onlyPowerOfTwoLengthsUpToTheLimitAreKept() {
    StreamMemory memory = new StreamMemory(0);
    memory.giveArray(new byte[LEN + 1]);
    memory.giveArray(new byte[StreamArrays.MAX_LENGTH * 2]);
    memory.giveArray(new byte[StreamMemory.INITIAL_ARRAY / 2]);
    assertEquals(0, memory.idleArrayBytes());
    byte[] fresh = memory.takeArray(LEN, new byte[0], 0);
    assertEquals(LEN, fresh.length);
  }

  @Test
  void idleBytesStayWithinTheLimitAndTheBudgetsRoom() {
    StreamMemory unlimited = new StreamMemory(0);
    for (int i = 0; i < 4; i++) {
      unlimited.giveArray(new byte[StreamArrays.MAX_LENGTH]);
    }
    assertEquals(StreamArrays.MAX_IDLE_BYTES, unlimited.idleArrayBytes());

    StreamMemory capped = new StreamMemory(3L * LEN);
    capped.reserve(2L * LEN);
    capped.giveArray(new byte[LEN]);
    capped.giveArray(new byte[LEN]);
    assertEquals(LEN, capped.idleArrayBytes(), "one array fits the room left under the cap");
  }

  @Test
  void aStoreGrowingAfterAnotherClosedTakesItsArrayWithoutTheOldBytes() {
    StreamMemory memory = new StreamMemory(0);
    StreamBuffer first = new StreamBuffer(TargetPolicies.require("bsd"), false, memory, 0);
    byte[] sevens = new byte[LEN];
    Arrays.fill(sevens, (byte) 7);
    first.insert(0, sevens, 0, sevens.length);
    byte[] firstArray = first.array();
    assertEquals(LEN, firstArray.length);
    first.free();

    StreamBuffer second = new StreamBuffer(TargetPolicies.require("bsd"), false, memory, 0);
    byte[] ones = new byte[3000];
    Arrays.fill(ones, (byte) 1);
    second.insert(0, ones, 0, ones.length);
    second.insert(3000, ones, 0, ones.length); // 6000 bytes: the array doubles to LEN
    assertSame(firstArray, second.array());
    byte[] expected = new byte[LEN];
    Arrays.fill(expected, 0, 6000, (byte) 1);
    assertArrayEquals(expected, second.array());
  }
}
