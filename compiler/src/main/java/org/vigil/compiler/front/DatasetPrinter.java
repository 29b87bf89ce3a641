package org.vigil.compiler.front;

/** Prints the options of dataset and datarep values as canonical text. */
final class DatasetPrinter {
  private DatasetPrinter() {}

  /** ", type t, load f, save f, memcap m, hashsize h" for what is set (state as load + save). */
  static String options(String type, String load, String save, long memcap, long hashsize) {
    StringBuilder sb = new StringBuilder();
    if (type != null) {
      sb.append(", type ").append(type);
    }
    if (load != null && load.equals(save)) {
      sb.append(", state ").append(save);
    } else {
      if (load != null) {
        sb.append(", load ").append(load);
      }
      if (save != null) {
        sb.append(", save ").append(save);
      }
    }
    if (memcap > 0) {
      sb.append(", memcap ").append(memcap);
    }
    if (hashsize > 0) {
      sb.append(", hashsize ").append(hashsize);
    }
    return sb.toString();
  }
}
