package org.vigil.detect.artifact;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/** Bulk reading and writing of primitive arrays in the artifact (length-prefixed, big endian). */
public final class TableIO {
  private TableIO() {}

  /** Writes a length and the ints. */
  public static void writeInts(DataOutputStream out, int[] a) throws IOException {
    out.writeInt(a.length);
    ByteBuffer bb = ByteBuffer.allocate(a.length * 4);
    bb.asIntBuffer().put(a);
    out.write(bb.array());
  }

  /** Reads ints written by {@link #writeInts}. */
  public static int[] readInts(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      throw new IOException("corrupt artifact: negative table length");
    }
    if (n > Integer.MAX_VALUE / 4) {
      throw new IOException("corrupt artifact: table length " + n + " past any artifact's size");
    }
    byte[] b = in.readNBytes(n * 4);
    if (b.length != n * 4) {
      throw new IOException("corrupt artifact: truncated table");
    }
    int[] a = new int[n];
    ByteBuffer.wrap(b).asIntBuffer().get(a);
    return a;
  }

  /** Writes a length and the bytes. */
  public static void writeBytes(DataOutputStream out, byte[] a) throws IOException {
    out.writeInt(a.length);
    out.write(a);
  }

  /** Reads bytes written by {@link #writeBytes}. */
  public static byte[] readBytes(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      throw new IOException("corrupt artifact: negative table length");
    }
    byte[] b = in.readNBytes(n);
    if (b.length != n) {
      throw new IOException("corrupt artifact: truncated table");
    }
    return b;
  }
}
