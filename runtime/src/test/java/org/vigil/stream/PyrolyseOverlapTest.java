package org.vigil.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.vigil.stream.policy.OverlapPolicy;
import org.vigil.stream.policy.TargetPolicies;
import org.vigil.testing.Json;

/**
 * The pyrolyse byte-sequence cases (Novak, Shankar/Paxson). The files give the chunk intervals
 * (inclusive bounds) but no per-OS outcome, so: Novak's 17 chunks are the tcp-overlap.json
 * "standard" test without its last segment, whose expected streams per policy apply; Shankar's
 * chunks, and every order of them, are checked against a byte-level reference model that is itself
 * first checked on every tcp-overlap.json vector.
 */
class PyrolyseOverlapTest {
  private record Case(List<int[]> ranges, List<String> data) {}

  @SuppressWarnings("unchecked")
  private static Case load(String name) throws Exception {
    Path f = TcpOverlapVectorsTest.corpus().resolve("evasion/pyrolyse/" + name);
    assumeTrue(Files.isRegularFile(f), "corpus not found at " + f);
    Map<String, Object> root = (Map<String, Object>) Json.read(f);
    Map<String, Object> hm =
        (Map<String, Object>) ((Map<String, Object>) root.get("base_interval_c")).get("hm");
    List<int[]> ranges = new ArrayList<>();
    List<String> data = new ArrayList<>();
    for (int i = 0; i < hm.size(); i++) {
      Map<String, Object> iv = (Map<String, Object>) hm.get(Integer.toString(i));
      int s = ((Long) iv.get("start")).intValue();
      int e = ((Long) iv.get("end")).intValue();
      ranges.add(new int[] {s});
      data.add(String.valueOf((char) ('A' + i)).repeat(e - s + 1));
    }
    return new Case(ranges, data);
  }

  private static String engine(String policy, StreamConfig cfg, Case c, List<Integer> order) {
    Conn conn = new Conn(cfg, TargetPolicies.require(policy), 77, 99).handshake();
    int max = 0;
    for (int i : order) {
      int s = c.ranges().get(i)[0];
      conn.cdata(1 + s, c.data().get(i));
      max = Math.max(max, s + c.data().get(i).length());
    }
    conn.sack(1 + max);
    return conn.rec.toServer.toString();
  }

  private static List<Integer> identity(int n) {
    List<Integer> l = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      l.add(i);
    }
    return l;
  }

  @Test
  @SuppressWarnings("unchecked")
  void novakMatchesTheStandardVectorsPerPolicy() throws Exception {
    Case novak = load("custom_novak.json");
    Path f = TcpOverlapVectorsTest.corpus().resolve("evasion/tcp-overlap.json");
    Map<String, Object> std =
        (Map<String, Object>)
            ((Map<String, Object>) ((Map<String, Object>) Json.read(f)).get("tests"))
                .get("standard");
    Map<String, Object> policies = (Map<String, Object>) std.get("policies");
    int checked = 0;
    for (Object v : policies.values()) {
      Map<String, Object> p = (Map<String, Object>) v;
      String expected =
          ((String) p.get("expected_stream")).substring(1); // without the final "0" segment
      for (Object name : (List<Object>) p.get("same_as_policies")) {
        assertEquals(
            expected,
            engine((String) name, StreamConfig.ids(), novak, identity(17)),
            (String) name);
        checked++;
      }
    }
    assertEquals(13, checked);
  }

  @Test
  @SuppressWarnings("unchecked")
  void referenceModelReproducesEveryTcpOverlapVector() throws Exception {
    Path f = TcpOverlapVectorsTest.corpus().resolve("evasion/tcp-overlap.json");
    assumeTrue(Files.isRegularFile(f), "corpus not found at " + f);
    Map<String, Object> tests =
        (Map<String, Object>) ((Map<String, Object>) Json.read(f)).get("tests");
    for (Object tv : tests.values()) {
      Map<String, Object> t = (Map<String, Object>) tv;
      List<int[]> ranges = new ArrayList<>();
      List<String> data = new ArrayList<>();
      for (Map<String, Object> s : (List<Map<String, Object>>) t.get("segments")) {
        ranges.add(new int[] {((Long) s.get("rel_seq")).intValue() - 1});
        data.add((String) s.get("data"));
      }
      for (Object pv : ((Map<String, Object>) t.get("policies")).values()) {
        Map<String, Object> p = (Map<String, Object>) pv;
        for (Object name : (List<Object>) p.get("same_as_policies")) {
          OverlapPolicy pol = TargetPolicies.require((String) name);
          assertEquals(
              p.get("expected_stream"), OverlapModel.apply(pol, ranges, data), (String) name);
        }
      }
    }
  }

  @Test
  void shankarInEveryOrderMatchesTheReferenceModel() throws Exception {
    Case sh = load("custom_shankar.json");
    List<List<Integer>> orders = new ArrayList<>();
    permutations(identity(sh.ranges().size()), 0, orders);
    assertEquals(720, orders.size());
    int sessions = 0;
    for (String policy : TargetPolicies.names()) {
      OverlapPolicy pol = TargetPolicies.require(policy);
      for (List<Integer> order : orders) {
        List<int[]> r = new ArrayList<>();
        List<String> d = new ArrayList<>();
        for (int i : order) {
          r.add(sh.ranges().get(i));
          d.add(sh.data().get(i));
        }
        String model = OverlapModel.apply(pol, r, d);
        assertEquals(
            model, engine(policy, StreamConfig.ids(), sh, order), policy + " order " + order);
        // inline: whatever the target, the first data wins
        String first = OverlapModel.apply(TargetPolicies.require("first"), r, d);
        assertEquals(
            first, engine(policy, StreamConfig.inline(p -> 8), sh, order), "inline " + order);
        sessions += 2;
      }
    }
    assertEquals(13 * 720 * 2, sessions);
  }

  @Test
  void novakInRandomOrdersMatchesTheReferenceModel() throws Exception {
    Case novak = load("custom_novak.json");
    Random rnd = new Random(1234);
    for (int round = 0; round < 150; round++) {
      List<Integer> order = identity(17);
      Collections.shuffle(order, rnd);
      List<int[]> r = new ArrayList<>();
      List<String> d = new ArrayList<>();
      for (int i : order) {
        r.add(novak.ranges().get(i));
        d.add(novak.data().get(i));
      }
      for (String policy :
          List.of("bsd", "first", "last", "linux", "old_linux", "solaris", "hpux11")) {
        assertEquals(
            OverlapModel.apply(TargetPolicies.require(policy), r, d),
            engine(policy, StreamConfig.ids(), novak, order),
            policy + " order " + order);
      }
    }
  }

  private static void permutations(List<Integer> l, int k, List<List<Integer>> out) {
    if (k == l.size()) {
      out.add(List.copyOf(l));
      return;
    }
    for (int i = k; i < l.size(); i++) {
      Collections.swap(l, k, i);
      permutations(l, k + 1, out);
      Collections.swap(l, k, i);
    }
  }
}
