package org.vigil.app.http.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DotSegmentsTest {

  // RFC 3986 5.2.4 examples and Snort's "directory" examples
  @ParameterizedTest
  @CsvSource({
    "/a/b/c/./../../g,/a/g",
    "mid/content=5/../6,mid/6",
    "/foo/fake_dir/../bar,/foo/bar",
    "/foo/./bar,/foo/bar",
    "/../a,/a",
    "/a/..,/",
    "/a/.,/a/",
    "../x,x",
    "./x,x",
    "/a/b,/a/b",
    "/a.b/c..d/.e,/a.b/c..d/.e"
  })
  void removesDotSegments(String in, String out) {
    byte[] r =
        DotSegments.remove(in.getBytes(StandardCharsets.US_ASCII), EnumSet.noneOf(UriFlag.class));
    assertEquals(out, new String(r, StandardCharsets.US_ASCII));
  }

  @Test
  void pathWithoutDotsIsReturnedAsIs() {
    byte[] in = "/plain/path".getBytes(StandardCharsets.US_ASCII);
    assertSame(in, DotSegments.remove(in, EnumSet.noneOf(UriFlag.class)));
  }

  @Test
  void climbingAboveTheRootIsFlagged() {
    EnumSet<UriFlag> f = EnumSet.noneOf(UriFlag.class);
    DotSegments.remove("/../../etc/passwd".getBytes(StandardCharsets.US_ASCII), f);
    assertTrue(f.contains(UriFlag.ABOVE_ROOT));
    assertTrue(f.contains(UriFlag.DOT_SEGMENT));
  }
}
