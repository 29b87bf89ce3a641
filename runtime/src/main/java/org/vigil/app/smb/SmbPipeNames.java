package org.vigil.app.smb;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * What an SMB2 connection's trees and opened files are, and which file data is DCE/RPC, as Suricata
 * 7 decides it: a file is a DCE/RPC pipe when its tree is a pipe share and the name it was opened
 * by (CREATE) is one of the DCE/RPC services Suricata knows (svcctl, srvsvc, atsvc, lsarpc, samr,
 * spoolss, winreg; one leading backslash ignored, case counts). When the tree is not known (its
 * connect was not seen), data that looks like DCE/RPC makes the tree a pipe share and the file a
 * DCE/RPC pipe (unless its name said so already); other data there, and any data on a tree that is
 * not a pipe share, opens a file transfer that keeps that direction's data of the file until it is
 * closed.
 */
final class SmbPipeNames {
  /** Files named at most (the oldest name is forgotten). */
  private static final int MAX_NAMES = 4096;

  /** The name a file gets when its data, not its name, showed it is DCE/RPC. */
  private static final String PROBED = "suricata::dcerpc";

  private static final Set<String> SERVICES =
      Set.of("svcctl", "srvsvc", "atsvc", "lsarpc", "samr", "spoolss", "winreg", PROBED);

  /** The known trees: tree id to whether it is a pipe share. */
  private final Map<Long, Boolean> trees = new HashMap<>();

  private final Map<SmbPipes.FileKey, String> names = new LinkedHashMap<>();

  /** Per direction (to the server first), the files whose data is a file transfer's. */
  private final Set<SmbPipes.FileKey>[] transfers = newSets();

  @SuppressWarnings("unchecked")
  private static Set<SmbPipes.FileKey>[] newSets() {
    return new Set[] {new HashSet<>(), new HashSet<>()};
  }

  /** A CREATE's file name ({@code len} bytes of UTF-16 at {@code b[off]}): its non-zero bytes. */
  static String name(byte[] b, int off, int len) {
    byte[] out = new byte[len];
    int n = 0;
    for (int i = off; i < off + len; i++) {
      if (b[i] != 0) {
        out[n++] = b[i];
      }
    }
    return new String(out, 0, n, StandardCharsets.ISO_8859_1);
  }

  /** Tree {@code tree} was connected; {@code pipe} when it is a pipe share. */
  void tree(long tree, boolean pipe) {
    trees.put(tree, pipe);
  }

  /** Tree {@code tree} was disconnected. */
  void treeGone(long tree) {
    trees.remove(tree);
  }

  /** File {@code key} was opened by {@code name}. */
  void name(SmbPipes.FileKey key, String name) {
    names.remove(key);
    names.put(key, name);
    if (names.size() > MAX_NAMES) {
      names.remove(names.keySet().iterator().next());
    }
  }

  /** File {@code key} was closed: its file transfers end. */
  void closed(SmbPipes.FileKey key) {
    transfers[0].remove(key);
    transfers[1].remove(key);
  }

  /** True when file {@code key} was opened by the name of a DCE/RPC service. */
  boolean service(SmbPipes.FileKey key) {
    String n = names.get(key);
    if (n == null) {
      return false;
    }
    if (n.length() > 1 && n.charAt(0) == '\\') {
      n = n.substring(1);
    }
    return SERVICES.contains(n);
  }

  /**
   * True when the {@code len} bytes at {@code b[off]} written to ({@code toServer}) or read from
   * file {@code key} of tree {@code tree} are DCE/RPC.
   */
  boolean dcerpc(SmbPipes.FileKey key, long tree, boolean toServer, byte[] b, int off, int len) {
    Set<SmbPipes.FileKey> files = transfers[toServer ? 0 : 1];
    if (files.contains(key)) {
      return false;
    }
    Boolean known = trees.get(tree);
    boolean pipe = known != null && known;
    boolean dcerpc = (known == null || pipe) && service(key);
    if (known == null && SmbPipes.probe(b, off, len)) {
      trees.put(tree, true);
      if (!dcerpc) {
        name(key, PROBED);
      }
      return true;
    }
    if (pipe) {
      return dcerpc; // a pipe of another service: its data is passed over
    }
    if (files.size() < MAX_NAMES) {
      files.add(key);
    }
    return false;
  }
}
