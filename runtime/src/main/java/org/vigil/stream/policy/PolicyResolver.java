package org.vigil.stream.policy;

/**
 * Chooses the overlap policy of a destination host (built from {@code host-os-policy}); addresses
 * are 4 or 16 raw bytes.
 */
@FunctionalInterface
public interface PolicyResolver {
  /** The policy of the host with this address (never null). */
  OverlapPolicy policyFor(byte[] address);

  /** A resolver giving the same policy to every host. */
  static PolicyResolver fixed(OverlapPolicy policy) {
    return address -> policy;
  }
}
