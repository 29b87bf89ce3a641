package org.vigil.defrag;

/** What tells a datagram's fragments from others': addresses, id, protocol, VLANs, tunnel depth. */
record DatagramKey(
    int version,
    long sHi,
    long sLo,
    long dHi,
    long dLo,
    int id,
    int proto,
    int vlan0,
    int vlan1,
    int depth) {
  // equals and hashCode written out (hashCode with the record's own formula): the generated ones
  // go through method handles that C2 inlines as large guard trees into every map lookup
  @Override
  public boolean equals(Object o) {
    return o instanceof DatagramKey k
        && version == k.version
        && sHi == k.sHi
        && sLo == k.sLo
        && dHi == k.dHi
        && dLo == k.dLo
        && id == k.id
        && proto == k.proto
        && vlan0 == k.vlan0
        && vlan1 == k.vlan1
        && depth == k.depth;
  }

  @Override
  public int hashCode() {
    int h = Integer.hashCode(version);
    h = h * 31 + Long.hashCode(sHi);
    h = h * 31 + Long.hashCode(sLo);
    h = h * 31 + Long.hashCode(dHi);
    h = h * 31 + Long.hashCode(dLo);
    h = h * 31 + Integer.hashCode(id);
    h = h * 31 + Integer.hashCode(proto);
    h = h * 31 + Integer.hashCode(vlan0);
    h = h * 31 + Integer.hashCode(vlan1);
    return h * 31 + Integer.hashCode(depth);
  }
}
