package org.vigil.detect.artifact;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Ed25519 keys for signing and trusting {@code .vrs} files, read from PEM files as {@code openssl
 * genpkey -algorithm ed25519} writes them: a PKCS#8 private key ({@code BEGIN PRIVATE KEY}) and an
 * X.509 SubjectPublicKeyInfo public key ({@code BEGIN PUBLIC KEY}).
 */
public final class VrsKeys {
  private VrsKeys() {}

  /** The Ed25519 private key in the PEM file {@code file}. */
  public static PrivateKey readPrivate(Path file) throws VrsException {
    byte[] der = pem(file, "PRIVATE KEY");
    try {
      return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new VrsException(
          file
              + ": not an Ed25519 private key (PKCS#8 PEM, as 'openssl genpkey -algorithm ed25519'"
              + " writes): "
              + reason(e));
    }
  }

  /** The Ed25519 public key in the PEM file {@code file}. */
  public static PublicKey readPublic(Path file) throws VrsException {
    byte[] der = pem(file, "PUBLIC KEY");
    try {
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new VrsException(
          file
              + ": not an Ed25519 public key (X.509 PEM, as 'openssl pkey -pubout' writes): "
              + reason(e));
    }
  }

  /** The public key that belongs to the Ed25519 private key {@code key}. */
  public static PublicKey publicOf(PrivateKey key) throws VrsException {
    try {
      byte[] seed = ((EdECPrivateKey) key).getBytes().orElseThrow();
      // The JDK's Ed25519 generator draws the 32-byte private key from its random source and
      // derives the
      // public key from it: fed the known private key, it yields that key's public half.
      java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("Ed25519");
      g.initialize(NamedParameterSpec.ED25519, new FixedRandom(seed));
      java.security.KeyPair pair = g.generateKeyPair();
      if (!java.util.Arrays.equals(
          ((EdECPrivateKey) pair.getPrivate()).getBytes().orElseThrow(), seed)) {
        throw new VrsException("cannot derive the public key of the signing key");
      }
      return pair.getPublic();
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new VrsException("cannot derive the public key of the signing key: " + reason(e));
    }
  }

  /** The key's fingerprint as it appears in messages: SHA-256 of its X.509 encoding, in hex. */
  public static String fingerprint(PublicKey key) {
    return HexFormat.of().formatHex(fingerprintBytes(key));
  }

  static byte[] fingerprintBytes(PublicKey key) {
    byte[] enc = key.getEncoded();
    return VrsEnvelope.sha256(enc, enc.length);
  }

  private static byte[] pem(Path file, String kind) throws VrsException {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      throw new VrsException(file + ": no such key file");
    } catch (IOException | RuntimeException e) {
      throw new VrsException(file + ": cannot read the key file: " + reason(e));
    }
    String begin = "-----BEGIN " + kind + "-----";
    String end = "-----END " + kind + "-----";
    int b = text.indexOf(begin);
    int e = text.indexOf(end);
    if (b < 0 || e < b) {
      throw new VrsException(file + ": not a PEM file with a '" + begin + "' block");
    }
    try {
      return Base64.getMimeDecoder().decode(text.substring(b + begin.length(), e));
    } catch (IllegalArgumentException x) {
      throw new VrsException(file + ": bad base64 in the PEM block: " + x.getMessage());
    }
  }

  private static String reason(Exception e) {
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  /**
   * A "random" source that hands out one seed: lets the JDK derive the public key of a known
   * private key.
   */
  private static final class FixedRandom extends java.security.SecureRandom {
    private static final long serialVersionUID = 1L;
    private final byte[] seed;

    FixedRandom(byte[] seed) {
      this.seed = seed.clone();
    }

    @Override
    public void nextBytes(byte[] bytes) {
      System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
    }
  }
}
