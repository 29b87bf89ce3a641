package org.vigil.compiler.front;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vigil.compiler.ir.Bytes;
import org.vigil.compiler.ir.IrComparison;
import org.vigil.compiler.ir.Rule;

class RulePrinterTest {

  private static void roundTrip(String text, String canonical) {
    Rule r = Rules.rule(text);
    String printed = RulePrinter.print(r);
    assertEquals(canonical, printed);
    assertTrue(IrComparison.equalIgnoringPositions(r, Rules.rule(printed)), printed);
  }

  @Test
  void canonicalForms() {
    roundTrip(
        "alert tcp $HOME_NET any -> ![1.2.3.4/24,5.6.7.8] [80,1024:] (msg:\"a\\;b\\\"c\"; "
            + "content:\"GET\"; http_method; nocase; content:\"x|00 FF|:\"; distance:0; within:10; "
            + "pcre:\"/a\\;b/Ui\"; uricontent:\"/a\"; flow:from_client,established; sid:1; rev:2;)",
        "alert tcp $HOME_NET any -> ![1.2.3.0/24,5.6.7.8] [80,1024:65535] (msg:\"a\\;b\\\"c\"; "
            + "content:\"GET\"; http_method; nocase; content:\"x|00 FF 3A|\"; distance:0; within:10; "
            + "pcre:\"/a\\;b/iU\"; content:\"/a\"; http_uri; flow:to_server,established; sid:1; rev:2;)");
    roundTrip(
        "alert tcp any any -> any any (file_data; content:\"x\"; pcre:\"/y/R\"; pkt_data; content:\"z\"; "
            + "byte_test:2,!=,5,0,relative,little; flowbits:isset,a|b; sid:3;)",
        "alert tcp any any -> any any (file_data; content:\"x\"; pcre:\"/y/R\"; pkt_data; content:\"z\"; "
            + "byte_test:2,!=,5,0,relative,little; flowbits:isset,a|b; sid:3;)");
    roundTrip(
        "alert tcp any any -> any any (flags:SA,12; dsize:10<>20; ttl:>=3; threshold:count 2, type both,"
            + " seconds 5, track by_dst; sid:4;)",
        "alert tcp any any -> any any (flags:SA,EC; dsize:10<>20; ttl:>=3; threshold:type both, track by_dst,"
            + " count 2, seconds 5; sid:4;)");
  }

  @Test
  void contentBytes() {
    assertEquals(
        "a|22 3B 5C 3A 7C|b|0D 0A|",
        RulePrinter.contentText(new Bytes("a\";\\:|b\r\n".getBytes())));
  }
}
