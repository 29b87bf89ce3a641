package org.vigil.app;

/**
 * A file a transaction carried (an HTTP body), as its EVE {@code fileinfo} record shows it.
 *
 * @param toServer the file went from the client to the server (an upload)
 * @param filename its name: the URI's path, or the name a Content-Disposition header gives
 * @param size bytes of the file seen (lost bytes counted)
 * @param gaps part of the file was lost
 * @param closed the file ended as its message said (else it was cut off: {@code TRUNCATED})
 * @param md5 lower-case hex digest, or null when not computed
 * @param sha1 as {@code md5}
 * @param sha256 as {@code md5}
 */
public record AppFile(
    boolean toServer,
    String filename,
    long size,
    boolean gaps,
    boolean closed,
    String md5,
    String sha1,
    String sha256) {

  /** EVE's {@code fileinfo.state}: {@code CLOSED} or {@code TRUNCATED}. */
  public String state() {
    return closed ? "CLOSED" : "TRUNCATED";
  }
}
