package org.vigil.detect.threshold;

import org.vigil.config.AddressTable;

/**
 * {@code suppress}: without {@code track} the rule never alerts; with it, a match whose tracked
 * address (source, destination, either) is in {@code addresses} does not alert. Matching still runs
 * the rule's other effects (flowbits).
 */
public record SuppressFilter(
    long gid, long sid, Track track, String ip, AddressTable<Boolean> addresses, String origin)
    implements GlobalFilter {
  /** Whether the match from {@code src} to {@code dst} (4 or 16 bytes each) is suppressed. */
  public boolean suppresses(byte[] src, byte[] dst) {
    if (track == null) {
      return true;
    }
    return switch (track) {
      case BY_SRC -> addresses.lookup(src);
      case BY_DST -> addresses.lookup(dst);
      case BY_EITHER -> addresses.lookup(src) || addresses.lookup(dst);
      case BY_RULE, BY_BOTH -> true;
    };
  }

  @Override
  public String describe() {
    return "suppress gen_id "
        + gid
        + ", sig_id "
        + sid
        + (track == null ? "" : ", track " + track.keyword() + ", ip " + ip);
  }
}
