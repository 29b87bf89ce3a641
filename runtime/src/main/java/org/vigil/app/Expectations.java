package org.vigil.app;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Connections a control channel announced, as Suricata 7's app-layer expectations: FTP's RETR or
 * STOR after PASV/EPSV/PORT/EPRT expects a data connection between the same two hosts to a port,
 * with its data flowing one way. A new TCP flow whose first data of a direction no protocol claims
 * takes the protocol of an expectation of its host pair (in either order), server port and data
 * direction; the expectation is used up. At most {@value #MAX_PER_PAIR} wait per host pair (the
 * oldest goes). Shared by the threads of a run: a data flow may be on another thread than its
 * control flow.
 */
public final class Expectations {
  /** Expectations kept per host pair, as Suricata's EXPECTATION_MAX_LEVEL. */
  public static final int MAX_PER_PAIR = 10;

  /** One expected connection. */
  private record Expected(
      int serverPort, boolean dataToServer, String protocol, Object detail, long position) {}

  /** Host pairs kept as announcing at most (more: every pair may). */
  public static final int MAX_ANNOUNCERS = 65_536;

  private final Map<String, Deque<Expected>> byPair = new HashMap<>();

  /** Host pairs with a flow that may announce others: the bits of the threads running them. */
  private final Map<String, Long> announcers = new HashMap<>();

  /** Per host pair and thread bit ({@code "pair#bit"}): the announcing flows running. */
  private final Map<String, Integer> announcing = new HashMap<>();

  /** More pairs announced than kept: every pair may announce from then on. */
  private boolean overflowed;

  /** The details of claimed expectations not yet taken, by host pair and server port. */
  private final Map<String, Object> claimed = new HashMap<>();

  /** Expectations waiting; the common case (none) costs a read of it. */
  private final AtomicInteger waiting = new AtomicInteger();

  /**
   * Expects a connection between hosts {@code a} and {@code b} (either may open it) to {@code
   * serverPort}, whose data flows to its server when {@code dataToServer}, of {@code protocol}.
   */
  public void expect(byte[] a, byte[] b, int serverPort, boolean dataToServer, String protocol) {
    expect(a, b, serverPort, dataToServer, protocol, null);
  }

  /**
   * As {@link #expect(byte[], byte[], int, boolean, String)}, with what the announcing layer tells
   * the announced flow's layer ({@code detail}: FTP's command and file name), handed to the layer's
   * maker by {@link #takeDetail} once a flow claimed the expectation.
   */
  public void expect(
      byte[] a, byte[] b, int serverPort, boolean dataToServer, String protocol, Object detail) {
    expect(a, b, serverPort, dataToServer, protocol, detail, 0);
  }

  /**
   * As {@link #expect(byte[], byte[], int, boolean, String, Object)}, made at {@code position} of
   * the run's order ({@link RunOrder#position()}; 0: a run of one thread): only a flow's first data
   * after it in that order claims it, whichever thread gets there first.
   */
  public synchronized void expect(
      byte[] a,
      byte[] b,
      int serverPort,
      boolean dataToServer,
      String protocol,
      Object detail,
      long position) {
    Deque<Expected> q = byPair.computeIfAbsent(pair(a, b), k -> new ArrayDeque<>());
    Expected e = new Expected(serverPort, dataToServer, protocol, detail, position);
    if (q.isEmpty() || q.peekFirst().position() <= position) {
      q.addFirst(e);
    } else {
      insertByPosition(q, e); // a thread behind the one that expected the newest
    }
    if (q.size() > MAX_PER_PAIR) {
      q.removeLast();
    } else {
      waiting.incrementAndGet();
    }
  }

  /**
   * The protocol of the expectation a flow between {@code client} and {@code server}:{@code
   * serverPort} meets with its first data of direction {@code toServer} (used up), or null.
   */
  public String claim(byte[] client, byte[] server, int serverPort, boolean toServer) {
    return claim(client, server, serverPort, toServer, 0);
  }

  /**
   * As {@link #claim(byte[], byte[], int, boolean)}, for first data at {@code position} of the
   * run's order (0: a run of one thread): the expectations made after it are not seen.
   */
  public String claim(
      byte[] client, byte[] server, int serverPort, boolean toServer, long position) {
    if (waiting.get() == 0 || client == null || server == null) {
      return null;
    }
    synchronized (this) {
      String key = pair(client, server);
      Deque<Expected> q = byPair.get(key);
      if (q == null) {
        return null;
      }
      for (Iterator<Expected> it = q.iterator(); it.hasNext(); ) {
        Expected e = it.next();
        if (e.serverPort() == serverPort
            && e.dataToServer() == toServer
            && (position == 0 || e.position() < position)) {
          it.remove();
          waiting.decrementAndGet();
          if (q.isEmpty()) {
            byPair.remove(key);
          }
          if (e.detail() != null) {
            claimed.put(key + "/" + serverPort, e.detail());
            if (claimed.size() > MAX_PER_PAIR * 64) {
              claimed.remove(claimed.keySet().iterator().next());
            }
          }
          return e.protocol();
        }
      }
      return null;
    }
  }

  /**
   * The detail of the expectation a flow between {@code client} and {@code server}:{@code
   * serverPort} just claimed (taken: asked once), or null.
   */
  public Object takeDetail(byte[] client, byte[] server, int serverPort) {
    if (client == null || server == null) {
      return null;
    }
    synchronized (this) {
      return claimed.isEmpty() ? null : claimed.remove(pair(client, server) + "/" + serverPort);
    }
  }

  /** Puts {@code e} in {@code q}, newest (highest position) first. */
  private static void insertByPosition(Deque<Expected> q, Expected e) {
    java.util.List<Expected> all = new java.util.ArrayList<>(q);
    int i = 0;
    while (i < all.size() && all.get(i).position() > e.position()) {
      i++;
    }
    all.add(i, e);
    q.clear();
    q.addAll(all);
  }

  /**
   * A flow between {@code a} and {@code b} may announce others (an FTP control flow was detected):
   * threads that claim expectations for flows between them wait for the threads behind.
   */
  public synchronized void announcing(byte[] a, byte[] b, long threadBit) {
    if (a == null || b == null) {
      return;
    }
    if (announcers.size() >= MAX_ANNOUNCERS) {
      overflowed = true;
      return;
    }
    String key = pair(a, b);
    announcers.merge(key, threadBit, (x, y) -> x | y);
    announcing.merge(key + "#" + threadBit, 1, Integer::sum);
  }

  /**
   * A flow between {@code a} and {@code b} that was {@link #announcing} on the thread of {@code
   * threadBit} ended.
   */
  public synchronized void announcingEnded(byte[] a, byte[] b, long threadBit) {
    if (a == null || b == null) {
      return;
    }
    String key = pair(a, b);
    Integer left =
        announcing.computeIfPresent(key + "#" + threadBit, (k, n) -> n > 1 ? n - 1 : null);
    if (left == null) {
      Long bits = announcers.get(key);
      if (bits != null) {
        long rest = bits & ~threadBit;
        if (rest == 0) {
          announcers.remove(key);
        } else {
          announcers.put(key, rest);
        }
      }
    }
  }

  /**
   * The {@link RunOrder#threadBit() bits} of the threads running a flow between {@code a} and
   * {@code b} that announces others (every bit once more than {@value #MAX_ANNOUNCERS} pairs did at
   * once), 0: none.
   */
  public synchronized long announcers(byte[] a, byte[] b) {
    if (overflowed || a == null || b == null) {
      return -1;
    }
    Long bits = announcers.get(pair(a, b));
    return bits == null ? 0 : bits;
  }

  /** Expectations waiting now. */
  public int size() {
    return waiting.get();
  }

  private static String pair(byte[] a, byte[] b) {
    HexFormat hex = HexFormat.of();
    return Arrays.compareUnsigned(a, b) <= 0
        ? hex.formatHex(a) + "-" + hex.formatHex(b)
        : hex.formatHex(b) + "-" + hex.formatHex(a);
  }
}
