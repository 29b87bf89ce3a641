package org.vigil.app.dcerpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.vigil.inspect.ZeekRun;

/**
 * dce_iface, dce_opnum, dce_stub_data and byte_test dce on DCE/RPC over TCP and over SMB named
 * pipes (SMB2 IOCTL transceive in 20-fids), on captures of the shared corpus: each expected
 * "sid=pcap_cnt,..." list ("-": at flow end) is what Suricata 7.0.10 raised with the same rules
 * ({@code dcerpc-keywords.rules}) on the capture ("none": no alert). A call is inspected in both
 * directions, each with its own stub data, from the packet after the one that completed it.
 */
class DcerpcKeywordsTest {
  @TempDir Path dir;

  /**
   * The community rule 529 (srvsvc NetrShareEnum: dce_iface, dce_opnum, dce_stub_data, pcre,
   * byte_jump dce, content) on SMB2 pipes of kerberos_tso: alerts where Suricata 7.0.10's did.
   */
  @org.junit.jupiter.api.Test
  void communityRule529OnKerberosTso() throws IOException {
    Path rules = ZeekRun.CORPUS.resolve("rules/snort-community/community.rules");
    assumeTrue(Files.isRegularFile(rules), "corpus not found at " + rules);
    String rule =
        Files.readAllLines(rules).stream()
            .filter(l -> l.startsWith("alert") && l.contains("sid:529;"))
            .findFirst()
            .orElseThrow()
            .replace("$EXTERNAL_NET", "any")
            .replace("$HOME_NET", "any");
    Map<Long, List<String>> got =
        ZeekRun.alertsBySid(ZeekRun.run(dir, "krb/kerberos_tso.pcapng", rule + "\n"));
    assertEquals(Map.of(529L, List.of("101", "307")), got);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "verify/dcerpc-issue-7187-01/test.pcap|1=14; 2=8,9; 3=13; 4=13,14; 5=9; 112=9,14; 113=13",
        "pcaps/zeek/dce-rpc/mapi.pcap|101=400,401,505,506,705,-; 111=563; 112=401,506,563,-; 113=402,507,-,-",
        "pcaps/zeek/dce-rpc/cs_window7-join_stream092.pcap|106=12,13,14,15,16,17; 111=13; 112=13,15,17; 113=14,16,19",
        "pcaps/zeek/dce-rpc/kerberos135_auth.pcapng|112=13; 113=15",
        "pcaps/zeek/dce-rpc/bind-ack-no-inband-null.pcap|none",
        "pcaps/zeek/dce-rpc/20-fids.pcap|104=33,35,37,39,41,43,45,47,49,51,53,55,57,59,76,78,80,82,84,86,88,90,92,94,108,110,111,113,114,116,117,119,120,122,134,136,137,139,140,142,143,145,146,148,160,162,163,165,166,168,169,171,172,174,186,188,189,191,192,194,195,197,198,200,212,214,215,217,218,220,221,223,224,226,238,240,241,243,244,246,247,249,250,252,264,266,267,269,270,272,273,275,276,278,290,292,293,295,296,298,299,301,302,304,316,318,319,321,322,324,325,327,328,330,341,342,343,344,345,346,347,348,349,350,359,360,361,362,363,364,365,366,367,368,377,378,379,380,381,382,383,384,385,386,395,396,397,398,399,400,401,402,403,404,413,414,415,416,417,418,419,420,421,422,431,432,433,434,435,436,437,438,439,440,449,450,451,452,453,454,455,456,457,458,467,468,469,470,471,472,473,474,475,476,485,486,487,488,489,490,491,492,493,494; 112=35,39,43,47,51,55,59,78,82,86,90,94,110,113,116,119,122,136,139,142,145,148,162,165,168,171,174,188,191,194,197,200,214,217,220,223,226,240,243,246,249,252,266,269,272,275,278,292,295,298,301,304,318,321,324,327,330,342,344,346,348,350,360,362,364,366,368,378,380,382,384,386,396,398,400,402,404,414,416,418,420,422,432,434,436,438,440,450,452,454,456,458,468,470,472,474,476,486,488,490,492,494; 113=37,41,45,49,53,57,61,80,84,88,92,96,111,114,117,120,123,137,140,143,146,149,163,166,169,172,175,189,192,195,198,201,215,218,221,224,227,241,244,247,250,253,267,270,273,276,279,293,296,299,302,305,319,322,325,328,331,343,345,347,349,351,361,363,365,367,369,379,381,383,385,387,397,399,401,403,405,415,417,419,421,423,433,435,437,439,441,451,453,455,457,459,469,471,473,475,477,487,489,491,493,495",
        "pcaps/zeek/smb/dssetup_DsRoleGetPrimaryDomainInformation_standalone_workstation.cap|none",
        "pcaps/zeek/dce-rpc/dce_rpc_netlogon.pcapng|none",
        "pcaps/zeek/smb/smb2readwrite.pcap|none",
        "pcaps/zeek/dce-rpc/kerberos445_auth.pcapng|none",
      })
  void alertsAsSuricata(String capture, String expected) throws IOException {
    String rules;
    try (InputStream in = DcerpcKeywordsTest.class.getResourceAsStream("dcerpc-keywords.rules")) {
      rules = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
    }
    Path pcap = ZeekRun.CORPUS.resolve(capture);
    String want = expected.equals("none") ? "" : expected;
    assumeTrue(Files.isRegularFile(pcap), "corpus not found at " + pcap);
    Map<Long, List<String>> got = ZeekRun.alertsBySid(ZeekRun.runFile(dir, pcap, rules));
    StringJoiner s = new StringJoiner("; ");
    got.forEach((sid, cnts) -> s.add(sid + "=" + String.join(",", cnts)));
    assertEquals(want, s.toString());
  }
}
