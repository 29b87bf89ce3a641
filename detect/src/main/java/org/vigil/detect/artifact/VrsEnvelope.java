package org.vigil.detect.artifact;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The outer layer of a {@code .vrs} file: it seals the ruleset content with a SHA-256 digest and an
 * optional Ed25519 signature, and opens a file only when both hold, before anything in it is
 * parsed.
 *
 * <pre>
 * int    magic "VRS1"
 * int    format (FORMAT)
 * long   n, the content length
 * byte[n] content (what {@link RulesetImage} writes)
 * short  s, the signature block length: 0 (unsigned) or 96
 * byte[s] signature block: SHA-256 of the signer's public key (X.509 encoding), then the Ed25519
 *         signature of bytes [0, 16 + n) (header and content)
 * byte[32] SHA-256 of every byte before it
 * </pre>
 */
public final class VrsEnvelope {
  static final int MAGIC = 0x56525331; // "VRS1"

  /**
   * The artifact format this runtime writes and reads; format 2 had no digest, format 3 fewer
   * buffer slots (no Suricata HTTP buffers), format 4 no rule metadata, format 5 a rule scope of
   * one byte (no flow bits).
   */
  public static final int FORMAT = 6;

  private static final int HEADER = 16;
  private static final int DIGEST = 32;
  private static final int SIGNATURE = 64;
  private static final int SIGNATURE_BLOCK = DIGEST + SIGNATURE;

  private VrsEnvelope() {}

  /** The file bytes for {@code content}, signed with {@code signer} (Ed25519) unless it is null. */
  public static byte[] seal(byte[] content, PrivateKey signer, PublicKey signerPublic)
      throws IOException {
    ByteArrayOutputStream bos = new ByteArrayOutputStream(content.length + 200);
    DataOutputStream out = new DataOutputStream(bos);
    out.writeInt(MAGIC);
    out.writeInt(FORMAT);
    out.writeLong(content.length);
    out.write(content);
    out.flush();
    if (signer == null) {
      out.writeShort(0);
    } else {
      byte[] signed = bos.toByteArray();
      out.writeShort(SIGNATURE_BLOCK);
      out.write(VrsKeys.fingerprintBytes(signerPublic));
      out.write(sign(signer, signed));
    }
    out.flush();
    out.write(sha256(bos.toByteArray(), bos.size()));
    out.flush();
    return bos.toByteArray();
  }

  /**
   * The content of the file {@code file} once its digest (and, when {@code trusted} is not null,
   * its signature by that key) has been checked; a {@link VrsException} says what failed.
   */
  public static byte[] open(byte[] file, PublicKey trusted) throws VrsException {
    return Arrays.copyOfRange(file, HEADER, contentEnd(file, trusted));
  }

  /** Where the content starts in a file. */
  static int contentStart() {
    return HEADER;
  }

  /**
   * Where the content of {@code file} ends (it starts at {@link #contentStart}) once its digest
   * and, when {@code trusted} is not null, its signature by that key have been checked; a {@link
   * VrsException} says what failed.
   */
  static int contentEnd(byte[] file, PublicKey trusted) throws VrsException {
    if (file.length < 8) {
      if (file.length >= 4 && ByteBuffer.wrap(file).getInt() != MAGIC
          || file.length < 4 && !magicPrefix(file)) {
        throw new VrsException("not a Vigil ruleset (.vrs): bad magic number");
      }
      throw new VrsException("truncated .vrs: only " + file.length + " bytes");
    }
    ByteBuffer in = ByteBuffer.wrap(file);
    if (in.getInt() != MAGIC) {
      throw new VrsException("not a Vigil ruleset (.vrs): bad magic number");
    }
    int format = in.getInt();
    if (format < FORMAT && format > 0) {
      throw new VrsException(
          ".vrs format "
              + format
              + " was written by an older Vigil (this runtime reads format "
              + FORMAT
              + "): recompile the rules with 'vigil compile'");
    }
    if (format != FORMAT) {
      throw new VrsException(
          "unsupported .vrs format "
              + format
              + " (this runtime reads format "
              + FORMAT
              + "): the file is damaged or was written by a newer Vigil");
    }
    if (file.length < HEADER + 2 + DIGEST) {
      throw new VrsException("truncated .vrs: only " + file.length + " bytes");
    }
    long n = in.getLong();
    long sigAt = HEADER + n;
    if (n < 0 || sigAt + 2 + DIGEST > file.length) {
      throw new VrsException(
          "truncated or damaged .vrs: the header announces "
              + n
              + " bytes of content, the file has "
              + file.length
              + " bytes in all");
    }
    int s = Short.toUnsignedInt(in.getShort((int) sigAt));
    long end = sigAt + 2 + s + DIGEST;
    if (s != 0 && s != SIGNATURE_BLOCK || end != file.length) {
      throw new VrsException(
          "truncated or damaged .vrs: "
              + file.length
              + " bytes where the header and signature block"
              + " announce "
              + end);
    }
    byte[] digest = sha256(file, (int) (end - DIGEST));
    if (!MessageDigest.isEqual(
        digest, Arrays.copyOfRange(file, (int) (end - DIGEST), file.length))) {
      throw new VrsException(
          "content digest mismatch: the .vrs file is damaged or was altered after it was compiled");
    }
    if (trusted != null) {
      verify(file, (int) sigAt, s, trusted);
    }
    return (int) sigAt;
  }

  private static void verify(byte[] file, int sigAt, int s, PublicKey trusted) throws VrsException {
    String want = VrsKeys.fingerprint(trusted);
    if (s == 0) {
      throw new VrsException(
          "the .vrs is not signed, but --trust requires a signature by key " + want);
    }
    String signer = HexFormat.of().formatHex(file, sigAt + 2, sigAt + 2 + DIGEST);
    if (!signer.equals(want)) {
      throw new VrsException(
          "the .vrs is signed by key " + signer + ", not by the trusted key " + want);
    }
    try {
      Signature v = Signature.getInstance("Ed25519");
      v.initVerify(trusted);
      v.update(file, 0, sigAt);
      if (!v.verify(file, sigAt + 2 + DIGEST, SIGNATURE)) {
        throw new VrsException("bad signature: the .vrs was not signed by the trusted key " + want);
      }
    } catch (GeneralSecurityException e) {
      throw new VrsException(
          "cannot verify the .vrs signature with key " + want + ": " + e.getMessage());
    }
  }

  private static byte[] sign(PrivateKey key, byte[] data) throws IOException {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(key);
      s.update(data);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot sign with the key: " + e.getMessage(), e);
    }
  }

  private static boolean magicPrefix(byte[] file) {
    byte[] m = ByteBuffer.allocate(4).putInt(MAGIC).array();
    return Arrays.equals(file, 0, file.length, m, 0, file.length);
  }

  static byte[] sha256(byte[] data, int length) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(data, 0, length);
      return md.digest();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
