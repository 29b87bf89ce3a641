package org.vigil.app.http.normalize;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UriNormalizerTest {

  static String norm(String uri, ServerPersonality p) {
    return norm(uri, p.options().withLowercase(false));
  }

  static String norm(String uri, NormalizerOptions o) {
    byte[] r =
        UriNormalizer.normalize(
            uri.getBytes(StandardCharsets.ISO_8859_1), o, EnumSet.noneOf(UriFlag.class));
    return r == null ? null : new String(r, StandardCharsets.ISO_8859_1);
  }

  static EnumSet<UriFlag> flags(String uri, ServerPersonality p) {
    EnumSet<UriFlag> f = EnumSet.noneOf(UriFlag.class);
    UriNormalizer.normalize(uri.getBytes(StandardCharsets.ISO_8859_1), p.options(), f);
    return f;
  }

  // Snort manual, http_inspect "directory": /foo/fake_dir/../bar and /foo/./bar -> /foo/bar
  @ParameterizedTest
  @CsvSource({
    "/foo/fake_dir/../bar,/foo/bar",
    "/foo/./bar,/foo/bar",
    "/a/b/c/./../../g,/a/g",
    "/mid/content=5/../6,/mid/6",
    "/../../etc/passwd,/etc/passwd",
    "/foo/bar/..,/foo/",
    "/foo/bar/.,/foo/bar/",
    "/.,/"
  })
  void directoryTraversalIsRemovedForEveryPersonality(String in, String out) {
    for (ServerPersonality p : ServerPersonality.values()) {
      assertEquals(out, norm(in, p), p.name());
    }
  }

  // Snort manual, "multi_slash": foo/////////bar -> foo/bar
  @Test
  void multipleSlashesCollapseWhereTheServerCompressesThem() {
    assertEquals("/foo/bar", norm("/foo/////////bar", ServerPersonality.IDS));
    assertEquals("/foo/bar", norm("/foo/////////bar", ServerPersonality.APACHE_2));
    assertEquals("/foo/////////bar", norm("/foo/////////bar", ServerPersonality.MINIMAL));
  }

  // Snort manual, "iis_backslash": /foo\bar -> /foo/bar
  @Test
  void backslashIsASeparatorOnIisAndIdsOnly() {
    assertEquals("/foo/bar", norm("/foo\\bar", ServerPersonality.IIS_6_0));
    assertEquals("/foo/bar", norm("/foo\\bar", ServerPersonality.IDS));
    assertEquals("/foo\\bar", norm("/foo\\bar", ServerPersonality.APACHE_2));
    assertEquals("/bar", norm("/foo\\..\\bar", ServerPersonality.IIS_7_5));
    assertEquals("/foo/bar", norm("/foo%5cbar", ServerPersonality.IIS_5_1));
  }

  // Snort manual, "ascii": %2f = /, %2e = .
  @Test
  void percentEncodedAsciiIsDecoded() {
    // libhtp decodes and removes dot segments even for the minimal personality
    assertEquals("/winnt", norm("/scripts/%2e%2e/winnt", ServerPersonality.MINIMAL));
    assertEquals("/winnt", norm("/scripts/%2e%2e/winnt", ServerPersonality.IDS));
    assertEquals("/a b", norm("/a%20b", ServerPersonality.MINIMAL));
    assertEquals("/ABC", norm("/%41%42%43", ServerPersonality.APACHE_2));
  }

  @Test
  void encodedSlashIsDecodedOnlyWhereTheServerDecodesIt() {
    assertEquals("/a/b", norm("/a%2fb", ServerPersonality.IDS));
    assertEquals("/a/b", norm("/a%2Fb", ServerPersonality.IIS_7_0));
    assertEquals("/a%2fb", norm("/a%2fb", ServerPersonality.APACHE_2));
    assertEquals("/a%2fb", norm("/a%2fb", ServerPersonality.MINIMAL));
    assertTrue(flags("/a%2fb", ServerPersonality.APACHE_2).contains(UriFlag.ENCODED_SEPARATOR));
  }

  // Snort manual, "u_encode": %u002f is '/'; libhtp decodes %u only on IDS and IIS 6.0+
  @Test
  void percentUIsDecodedOnIis6AndLaterAndIds() {
    assertEquals("/a/b", norm("/a%u002fb", ServerPersonality.IIS_6_0));
    assertEquals("/cmd.exe", norm("/%u0063md.exe", ServerPersonality.IDS));
    assertEquals("/%u0063md.exe", norm("/%u0063md.exe", ServerPersonality.APACHE_2));
    assertEquals("/%u0063md.exe", norm("/%u0063md.exe", ServerPersonality.IIS_5_1));
    // full-width solidus U+FF0F best-fits to '/'
    assertEquals("/a/b", norm("/a%uff0fb", ServerPersonality.IIS_7_5));
    assertTrue(flags("/a%uff0fb", ServerPersonality.IDS).contains(UriFlag.HALF_FULL_RANGE));
    assertTrue(flags("/%u0041", ServerPersonality.IDS).contains(UriFlag.OVERLONG_U));
    // a code point with no ASCII fit becomes '?'
    assertEquals("/?", norm("/%u4e2d", ServerPersonality.IDS));
  }

  // the classic IIS unicode exploit: %c0%af is an overlong '/'
  @Test
  void overlongUtf8IsDecodedWhereTheServerDoes() {
    assertEquals(
        "/winnt/system32/cmd.exe",
        norm("/scripts/..%c0%af../winnt/system32/cmd.exe", ServerPersonality.IIS_5_0));
    assertEquals(
        "/winnt/system32/cmd.exe",
        norm("/scripts/..%c0%af../winnt/system32/cmd.exe", ServerPersonality.IDS));
    assertEquals(
        "/scripts/..\u00c0\u00af../winnt/system32/cmd.exe",
        norm("/scripts/..%c0%af../winnt/system32/cmd.exe", ServerPersonality.APACHE_2));
    assertTrue(flags("/%c0%ae", ServerPersonality.IDS).contains(UriFlag.UTF8_OVERLONG));
    // valid UTF-8 of U+0100 (A with macron) best-fits to 'A'
    assertEquals("/A", norm("/%c4%80", ServerPersonality.IDS));
    // invalid UTF-8 becomes libhtp's replacement byte where UTF-8 is decoded, stays elsewhere
    assertEquals("/?", norm("/%ff", ServerPersonality.IDS));
    assertEquals("/?b", norm("/%c3b", ServerPersonality.IDS));
    assertEquals("/\u00ff", norm("/%ff", ServerPersonality.APACHE_2));
  }

  // Snort manual, "double_decode": IIS 5.0 decodes the URI twice
  @Test
  void doubleDecodingOnlyOnIis50() {
    assertEquals("/A", norm("/%2541", ServerPersonality.IIS_5_0));
    assertEquals("/winnt", norm("/x/%252e%252e/winnt", ServerPersonality.IIS_5_0));
    assertEquals("/%41", norm("/%2541", ServerPersonality.IDS));
    assertTrue(flags("/%2541", ServerPersonality.IIS_5_0).contains(UriFlag.DOUBLE_ENCODED));
  }

  @Test
  void invalidEscapesFollowThePersonality() {
    assertEquals("/a%zzb", norm("/a%zzb", ServerPersonality.IDS));
    assertEquals("/a%", norm("/a%", ServerPersonality.IDS));
    assertTrue(flags("/a%zz", ServerPersonality.IDS).contains(UriFlag.INVALID_ENCODING));
    NormalizerOptions remove =
        new NormalizerOptions(
            false,
            false,
            false,
            false,
            false,
            false,
            InvalidEncoding.REMOVE_PERCENT,
            false,
            false,
            false,
            false,
            false);
    assertEquals("/azzb", norm("/a%zzb", remove));
    // IIS 5.0 decodes "hex" digits that are not hex: %1G is 0x10 + ('G' - 'A' + 10) & 0xf
    assertEquals(1, norm("/%1G", ServerPersonality.IIS_5_0).length() - 1);
  }

  @Test
  void nulIsKeptOrTerminatesThePath() {
    assertEquals("/a\u0000b.asp", norm("/a%00b.asp", ServerPersonality.IDS));
    NormalizerOptions term =
        ServerPersonality.IDS.options().withLowercase(false).withNulTerminates(true, true);
    assertEquals("/a", norm("/a%00b.asp", term));
    assertEquals("/a", norm("/a\u0000b.asp", term));
    assertTrue(flags("/a%00", ServerPersonality.IDS).contains(UriFlag.ENCODED_NUL));
  }

  @Test
  void caseFoldingOnlyWhenTheOptionsAskForIt() {
    assertEquals("/Admin/Login.ASP", norm("/Admin/Login.ASP", ServerPersonality.IIS_6_0));
    assertEquals("/admin/login.asp", norm("/Admin/Login.ASP", ServerPersonality.IIS_6_0.options()));
    assertEquals("/Admin", norm("/Admin", ServerPersonality.APACHE_2.options()));
  }

  @Test
  void queryIsKeptRawUnlessDecodingIsAsked() {
    assertEquals("/a/b?x=%2e%2e/y+z#frag", norm("/a/./b?x=%2e%2e/y+z#frag", ServerPersonality.IDS));
    NormalizerOptions q =
        ServerPersonality.IDS.options().withLowercase(false).withQueryDecoding(true, true);
    assertEquals("/a?x=../y z", norm("/a?x=%2e%2e/y+z", q));
  }

  @Test
  void absoluteUriKeepsOnlyPathQueryAndFragment() {
    assertEquals(
        "/index.html?a=1",
        norm("http://www.example.com:8080/x/../index.html?a=1", ServerPersonality.IDS));
    assertEquals("/", norm("http://www.example.com", ServerPersonality.IDS));
    assertEquals("*", norm("*", ServerPersonality.IDS));
    assertNull(norm("", ServerPersonality.IDS));
  }

  @Test
  void personalityNamesParseAsSuricataSpellsThem() {
    assertEquals(ServerPersonality.IIS_7_5, ServerPersonality.parse("IIS_7_5"));
    assertEquals(ServerPersonality.APACHE_2, ServerPersonality.parse("apache_2"));
    assertEquals(ServerPersonality.IDS, ServerPersonality.parse(" ids "));
    org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> ServerPersonality.parse("nginx"));
  }
}
