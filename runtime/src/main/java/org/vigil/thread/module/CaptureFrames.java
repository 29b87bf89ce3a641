package org.vigil.thread.module;

import java.util.Arrays;
import org.vigil.decode.Packet;
import org.vigil.output.PcapFrame;

/** What of a packet the pcap log takes: only frames of the capture, copied out of the packet. */
public final class CaptureFrames {
  private CaptureFrames() {}

  /** True for a frame of the capture (not a tunnel inner, defragmented or stream pseudo packet). */
  public static boolean loggable(Packet p) {
    return p.hasPcapCnt() && !p.isPseudo() && p.captureName() != null;
  }

  /** A copy of {@code p}'s frame for the pcap log (the packet itself stays with its owner). */
  public static PcapFrame frame(Packet p) {
    return new PcapFrame(
        p.captureName(),
        p.pcapCnt(),
        p.timestampNanos(),
        p.linkType(),
        p.wireLength(),
        Arrays.copyOf(p.data(), p.length()));
  }
}
