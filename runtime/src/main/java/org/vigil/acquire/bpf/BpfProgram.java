package org.vigil.acquire.bpf;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A capture filter in tcpdump's language compiled by libpcap ({@code pcap_compile} on a dead handle
 * of the capture's link type) to a classic BPF program: the instructions for {@code
 * SO_ATTACH_FILTER} ({@link #instructions()}, {@link #length()}), and {@link #matches} to run it
 * over the frames of capture files ({@code pcap_offline_filter}). Holds native memory until {@link
 * #close()}; one thread at a time.
 */
public final class BpfProgram implements AutoCloseable {
  private static final int PCAP_NETMASK_UNKNOWN = 0xffffffff;
  private final String expression;
  private final Arena arena;
  private final MemorySegment program;
  private final MemorySegment header;
  private final Libpcap pcap;

  private BpfProgram(String expression, Arena arena, MemorySegment program, Libpcap pcap) {
    this.expression = expression;
    this.arena = arena;
    this.program = program;
    this.pcap = pcap;
    this.header = arena.allocate(24, 8);
  }

  /**
   * Compiles {@code expression} for frames of link type {@code linkType} (pcap's DLT numbers: 1
   * Ethernet) up to {@code snaplen} bytes, optimised.
   *
   * @throws IllegalArgumentException with libpcap's message when the expression is wrong, or when
   *     libpcap is missing
   */
  public static BpfProgram compile(String expression, int linkType, int snaplen) {
    Libpcap pcap = Libpcap.get();
    Arena arena = Arena.ofShared();
    try {
      MemorySegment handle = (MemorySegment) pcap.openDead.invokeExact(linkType, snaplen);
      if (handle.equals(MemorySegment.NULL)) {
        throw new IllegalArgumentException("libpcap: pcap_open_dead failed");
      }
      try {
        MemorySegment prog = arena.allocate(16, 8);
        int rc =
            (int)
                pcap.compile.invokeExact(
                    handle, prog, arena.allocateFrom(expression), 1, PCAP_NETMASK_UNKNOWN);
        if (rc != 0) {
          MemorySegment msg = (MemorySegment) pcap.geterr.invokeExact(handle);
          throw new IllegalArgumentException(
              "bad BPF filter '" + expression + "': " + msg.getString(0));
        }
        return new BpfProgram(expression, arena, prog, pcap);
      } finally {
        pcap.close.invokeExact(handle);
      }
    } catch (IllegalArgumentException e) {
      arena.close();
      throw e;
    } catch (Throwable t) {
      arena.close();
      throw new IllegalStateException("libpcap call failed: " + t, t);
    }
  }

  /** The filter's text. */
  public String expression() {
    return expression;
  }

  /** Instructions in the program. */
  public int length() {
    return program.get(ValueLayout.JAVA_INT, 0);
  }

  /** The {@code struct sock_filter} array (8 bytes an instruction). */
  public MemorySegment instructions() {
    return program.get(ValueLayout.ADDRESS, 8).reinterpret(8L * length());
  }

  /**
   * Whether the frame {@code data[0..caplen)} ({@code wirelen} bytes on the wire) passes the
   * filter.
   */
  public boolean matches(byte[] data, int caplen, int wirelen) {
    header.set(ValueLayout.JAVA_INT, 16, caplen);
    header.set(ValueLayout.JAVA_INT, 20, wirelen);
    try {
      return (int) pcap.offlineFilter.invokeExact(program, header, MemorySegment.ofArray(data))
          != 0;
    } catch (Throwable t) {
      throw new IllegalStateException("pcap_offline_filter failed: " + t, t);
    }
  }

  @Override
  public void close() {
    try {
      pcap.freecode.invokeExact(program);
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    } finally {
      arena.close();
    }
  }
}
