package org.vigil.acquire.bpf;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The libpcap calls of filter compilation and offline filtering through the FFM API. libpcap is
 * found under its Debian names (libpcap0.8: {@code libpcap.so.0.8}, {@code libpcap.so.1}) or its
 * development link; when it is missing the error says which package to install.
 */
final class Libpcap {
  private static final Linker LINKER = Linker.nativeLinker();
  private static final ValueLayout.OfInt I = ValueLayout.JAVA_INT;
  private static final java.lang.foreign.AddressLayout P = ValueLayout.ADDRESS;

  final MethodHandle openDead;
  final MethodHandle compile;
  final MethodHandle freecode;
  final MethodHandle geterr;
  final MethodHandle close;
  final MethodHandle offlineFilter;

  private static Libpcap instance;

  private Libpcap(SymbolLookup lib) {
    openDead = handle(lib, "pcap_open_dead", FunctionDescriptor.of(P, I, I));
    compile = handle(lib, "pcap_compile", FunctionDescriptor.of(I, P, P, P, I, I));
    freecode = handle(lib, "pcap_freecode", FunctionDescriptor.ofVoid(P));
    geterr =
        handle(
            lib,
            "pcap_geterr",
            FunctionDescriptor.of(
                P.withTargetLayout(
                    java.lang.foreign.MemoryLayout.sequenceLayout(512, ValueLayout.JAVA_BYTE)),
                P));
    close = handle(lib, "pcap_close", FunctionDescriptor.ofVoid(P));
    // the frame is a Java array: a critical call reads it in place, without a copy
    offlineFilter =
        LINKER.downcallHandle(
            lib.find("pcap_offline_filter").orElseThrow(),
            FunctionDescriptor.of(I, P, P, P),
            Linker.Option.critical(true));
  }

  private static MethodHandle handle(SymbolLookup lib, String name, FunctionDescriptor fd) {
    return LINKER.downcallHandle(
        lib.find(name).orElseThrow(() -> new UnsatisfiedLinkError("libpcap has no " + name)), fd);
  }

  /** The library, loaded once. */
  static synchronized Libpcap get() {
    if (instance == null) {
      UnsatisfiedLinkError last = null;
      for (String name : new String[] {"libpcap.so.1", "libpcap.so.0.8", "libpcap.so"}) {
        try {
          instance = new Libpcap(SymbolLookup.libraryLookup(name, Arena.global()));
          break;
        } catch (IllegalArgumentException e) {
          last = new UnsatisfiedLinkError(name + ": " + e.getMessage());
        }
      }
      if (instance == null) {
        throw new IllegalArgumentException(
            "BPF filters need libpcap (Debian/Ubuntu: apt-get install libpcap0.8): "
                + (last == null ? "not found" : last.getMessage()));
      }
    }
    return instance;
  }
}
