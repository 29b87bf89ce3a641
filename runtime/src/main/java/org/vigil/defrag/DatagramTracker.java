package org.vigil.defrag;

import java.util.Arrays;

/**
 * One datagram being reassembled; trackers and their arrays are kept for the next datagrams, so a
 * flood of datagrams that never complete allocates no heap once it reached the memcap.
 */
final class DatagramTracker {
  FragPolicy policy;
  int n; // fragments held
  int[] starts = new int[DefragFootprint.INITIAL_SLOTS];
  int[] ends = new int[DefragFootprint.INITIAL_SLOTS];
  // address of the native block holding fragment i's bytes from index 0
  long[] data = new long[DefragFootprint.INITIAL_SLOTS];
  // IPv4 header or IPv6 unfragmentable part of the offset-0 fragment
  byte[] header = new byte[DefragFootprint.INITIAL_HEADER];
  int headerLen = -1; // -1 until the offset-0 fragment came
  int nhFieldInHeader; // IPv6: where the next-header byte naming the fragment header sits
  int nextHeader; // IPv6: protocol after the fragment header
  int end = -1; // datagram payload length once the last fragment arrived
  long lastNanos;
  long memory;
  int decision; // the keeper's decision (DatagramKeeper): a positive tag when it keeps no bytes

  DatagramTracker reset(FragPolicy policy) {
    if (starts.length > DefragFootprint.INITIAL_SLOTS) { // a reused tracker starts at its size
      starts = new int[DefragFootprint.INITIAL_SLOTS];
      ends = new int[DefragFootprint.INITIAL_SLOTS];
      data = new long[DefragFootprint.INITIAL_SLOTS];
    }
    if (header.length > DefragFootprint.INITIAL_HEADER) {
      header = new byte[DefragFootprint.INITIAL_HEADER];
    }
    this.policy = policy;
    n = 0;
    headerLen = -1;
    nhFieldInHeader = 0;
    nextHeader = 0;
    end = -1;
    lastNanos = 0;
    memory = 0;
    decision = DatagramKeeper.KEEP;
    return this;
  }

  void addFrag(int start, int end, long block) {
    if (n == starts.length) {
      starts = Arrays.copyOf(starts, n * 2);
      ends = Arrays.copyOf(ends, n * 2);
      data = Arrays.copyOf(data, n * 2);
    }
    starts[n] = start;
    ends[n] = end;
    data[n] = block;
    n++;
  }
}
