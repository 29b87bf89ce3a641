/**
 * Capture filters in tcpdump's language: compiled by libpcap's {@code pcap_compile} to a classic
 * BPF program ({@link org.vigil.acquire.bpf.BpfProgram}), attached to live sockets or run over the
 * frames of capture files.
 */
package org.vigil.acquire.bpf;
