package org.vigil.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil run --ruleset}: a damaged, truncated, foreign, re-sealed or wrongly signed {@code
 * .vrs} is refused with exit code 2 and a message saying what failed; a good one (signed or not)
 * runs the demo and gives its alerts.
 */
class VerifiedRulesetTest {
  static final Path DEMO = RunCommandTest.DEMO;

  @TempDir Path dir;
  Path vrs;
  byte[] good;

  @BeforeEach
  void compileDemo() throws Exception {
    vrs = dir.resolve("demo.vrs");
    CliRun c =
        CliRun.of("compile", "-S", DEMO.resolve("demo.rules").toString(), "-o", vrs.toString());
    assertEquals(0, c.code(), c.err());
    good = Files.readAllBytes(vrs);
  }

  private CliRun run(Path ruleset, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "-r",
                DEMO.resolve("demo.pcap").toString(),
                "--ruleset",
                ruleset.toString(),
                "-l",
                dir.resolve("logs").toString()));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }

  private Path write(String name, byte[] bytes) throws Exception {
    Path p = dir.resolve(name);
    Files.write(p, bytes);
    return p;
  }

  /** Exit 2, one "vigil run: <file>: <what failed>" line, no "null", no stack trace. */
  private static void refused(CliRun r, String what, String... anyOf) {
    assertEquals(Vigil.EXIT_USAGE, r.code(), what + ": " + r.err());
    assertTrue(r.err().startsWith("vigil run: "), what + ": " + r.err());
    assertFalse(
        r.err().contains("null") || r.err().contains("\tat ") || r.err().contains("Exception"),
        what + ": " + r.err());
    boolean named = false;
    for (String a : anyOf) {
      named |= r.err().contains(a);
    }
    assertTrue(named, what + ": expected one of " + List.of(anyOf) + " in " + r.err());
  }

  @Test
  void theIntactRulesetRunsTheDemo() {
    CliRun r = run(vrs);
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("5 alerts"), r.err());
  }

  @Test
  void everySampledSingleByteFlipIsRefused() throws Exception {
    TreeSet<Integer> positions = new TreeSet<>();
    // every byte of the header and of the digest and signature-length fields, and about 100 through
    // the content
    for (int i = 0; i < 20; i++) {
      positions.add(i);
    }
    for (int i = 1; i <= 36; i++) {
      positions.add(good.length - i);
    }
    for (int i = 0; i < good.length; i += Math.max(1, good.length / 100)) {
      positions.add(i);
    }
    for (int pos : positions) {
      for (int mask :
          pos < 20 || pos >= good.length - 36
              ? new int[] {0x01, 0x80}
              : new int[] {1 << (pos % 8)}) {
        byte[] bad = good.clone();
        bad[pos] ^= (byte) mask;
        refused(
            run(write("flip.vrs", bad)),
            "byte " + pos + " ^ " + mask,
            "digest mismatch",
            "not a Vigil ruleset",
            ".vrs format",
            "truncated or damaged");
      }
    }
  }

  @Test
  void truncatedFilesAreRefused() throws Exception {
    for (int len :
        new int[] {
          0,
          1,
          3,
          4,
          7,
          8,
          15,
          16,
          17,
          49,
          100,
          good.length / 2,
          good.length - 33,
          good.length - 32,
          good.length - 1
        }) {
      byte[] bad = java.util.Arrays.copyOf(good, len);
      refused(run(write("short.vrs", bad)), "truncated to " + len, "truncated");
    }
    byte[] longer = java.util.Arrays.copyOf(good, good.length + 1);
    refused(run(write("long.vrs", longer)), "one byte appended", "truncated or damaged");
  }

  @Test
  void foreignAndOldFilesAreRefused() throws Exception {
    refused(run(DEMO.resolve("demo.pcap")), "a pcap", "not a Vigil ruleset");
    refused(run(DEMO.resolve("demo.rules")), "a rules file", "not a Vigil ruleset");
    refused(run(write("empty.vrs", new byte[0])), "an empty file", "truncated");
    byte[] old = good.clone();
    old[7] = 2; // format 2: the artifact of an older Vigil, without a digest
    refused(run(write("old.vrs", old)), "format 2", "recompile the rules with 'vigil compile'");
    refused(run(dir.resolve("missing.vrs")), "no file", "no such file");
  }

  @Test
  void signedRulesetsRunOnlyUnderTheirKey() throws Exception {
    Path[] k1 = keys("k1");
    Path[] k2 = keys("k2");
    Path signed = dir.resolve("signed.vrs");
    CliRun c =
        CliRun.of(
            "compile",
            "-S",
            DEMO.resolve("demo.rules").toString(),
            "-o",
            signed.toString(),
            "--sign",
            k1[0].toString());
    assertEquals(0, c.code(), c.err());
    CliRun ok = run(signed, "--trust", k1[1].toString());
    assertEquals(0, ok.code(), ok.err());
    assertTrue(ok.err().contains("5 alerts"), ok.err());
    assertEquals(0, run(signed).code(), "a signed ruleset also runs where no key is required");

    refused(run(signed, "--trust", k2[1].toString()), "wrong key", "not by the trusted key");
    refused(
        run(vrs, "--trust", k1[1].toString()), "unsigned", "is not signed, but --trust requires");

    // content altered and the digest recomputed: only the signature can tell
    byte[] resealed = Files.readAllBytes(signed);
    int at = indexOf(resealed, "VIGIL-DEMO WEB passwd".getBytes(StandardCharsets.UTF_8));
    resealed[at] = 'X';
    byte[] digest =
        MessageDigest.getInstance("SHA-256")
            .digest(java.util.Arrays.copyOf(resealed, resealed.length - 32));
    System.arraycopy(digest, 0, resealed, resealed.length - 32, 32);
    Path forged = write("forged.vrs", resealed);
    refused(run(forged, "--trust", k1[1].toString()), "re-sealed", "bad signature");
    // a bad signature block is refused whatever the key
    byte[] sigFlip = Files.readAllBytes(signed);
    sigFlip[sigFlip.length - 40] ^= 1;
    refused(
        run(write("sigflip.vrs", sigFlip), "--trust", k1[1].toString()),
        "signature byte",
        "digest mismatch");

    refused(
        CliRun.of(
            "run",
            "-r",
            DEMO.resolve("demo.pcap").toString(),
            "-S",
            DEMO.resolve("demo.rules").toString(),
            "-l",
            dir.resolve("logs").toString(),
            "--trust",
            k1[1].toString()),
        "--trust with -S",
        "--trust checks a compiled ruleset");
    refused(
        run(signed, "--trust", k1[0].toString()), "private key given as trust", "BEGIN PUBLIC KEY");
    CliRun badSign =
        CliRun.of(
            "compile",
            "-S",
            DEMO.resolve("demo.rules").toString(),
            "-o",
            dir.resolve("x.vrs").toString(),
            "--sign",
            k1[1].toString());
    assertEquals(Vigil.EXIT_USAGE, badSign.code(), badSign.err());
    assertTrue(badSign.err().contains("BEGIN PRIVATE KEY"), badSign.err());
  }

  @Test
  void opensslKeysWork() throws Exception {
    Path key = dir.resolve("o.pem");
    Path pub = dir.resolve("o.pub.pem");
    org.junit.jupiter.api.Assumptions.assumeTrue(
        exec("openssl", "genpkey", "-algorithm", "ed25519", "-out", key.toString()),
        "openssl is not installed");
    assertTrue(exec("openssl", "pkey", "-in", key.toString(), "-pubout", "-out", pub.toString()));
    Path signed = dir.resolve("o.vrs");
    CliRun c =
        CliRun.of(
            "compile",
            "-S",
            DEMO.resolve("demo.rules").toString(),
            "-o",
            signed.toString(),
            "--sign",
            key.toString());
    assertEquals(0, c.code(), c.err());
    CliRun r = run(signed, "--trust", pub.toString());
    assertEquals(0, r.code(), r.err());
  }

  private static boolean exec(String... cmd) throws Exception {
    try {
      return new ProcessBuilder(cmd).redirectErrorStream(true).start().waitFor() == 0;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  /** A new Ed25519 key pair as PEM files: {private (PKCS#8), public (X.509)}. */
  private Path[] keys(String name) throws Exception {
    KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    Path priv = dir.resolve(name + ".pem");
    Path pub = dir.resolve(name + ".pub.pem");
    Files.writeString(priv, pem("PRIVATE KEY", kp.getPrivate().getEncoded()));
    Files.writeString(pub, pem("PUBLIC KEY", kp.getPublic().getEncoded()));
    return new Path[] {priv, pub};
  }

  private static String pem(String kind, byte[] der) {
    return "-----BEGIN "
        + kind
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END "
        + kind
        + "-----\n";
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }
}
