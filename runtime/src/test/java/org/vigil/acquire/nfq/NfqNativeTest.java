package org.vigil.acquire.nfq;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NfqNativeTest {

  @Test
  void aMissingLibraryNamesThePackageToInstall() {
    NfqException e =
        assertThrows(
            NfqException.class, () -> NfqNative.netfilterQueue("libnetfilter_queue_absent.so.9"));
    assertTrue(
        e.getMessage().startsWith("libnetfilter_queue_absent.so.9 is not installed"),
        e.getMessage());
    assertTrue(e.getMessage().contains("apt-get install libnetfilter-queue1"), e.getMessage());
  }

  @Test
  void errnoIsDescribedInWords() {
    assertTrue(
        NfqNative.describe(1).equals("Operation not permitted (errno 1)"), NfqNative.describe(1));
  }
}
