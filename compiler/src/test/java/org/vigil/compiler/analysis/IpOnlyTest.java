package org.vigil.compiler.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.vigil.compiler.front.FrontEnd;
import org.vigil.compiler.front.ParseResult;
import org.vigil.compiler.front.Variables;
import org.vigil.compiler.ir.Rule;

class IpOnlyTest {
  private static Rule rule(String text, Variables vars) {
    ParseResult pr = FrontEnd.parseText("t.rules", text, vars);
    assertEquals(1, pr.rules().size(), pr.errors().toString());
    return pr.rules().get(0);
  }

  private static boolean ipOnly(String header, String options) {
    return IpOnly.of(
        rule("alert " + header + " (msg:\"m\"; " + options + " sid:7;)", Variables.defaults()));
  }

  @Test
  void headerProtocolThresholdAndFlowbitsSetKeepARuleIpOnly() {
    assertTrue(
        ipOnly(
            "ip any any -> any any",
            "ip_proto:41; threshold:type both,track by_dst,count 1,seconds 60;"));
    assertTrue(
        ipOnly("tcp 10.0.0.0/8 any -> any 80", "classtype:misc-attack; reference:url,x.org;"));
    assertTrue(
        ipOnly(
            "udp any any <> any 53",
            "flowbits:set,seen; detection_filter:track by_src,count 2,seconds 5;"));
  }

  @Test
  void anyOtherKeywordOrADirectionMakesAPacketRule() {
    assertFalse(ipOnly("tcp any any -> any any", "content:\"x\";"));
    assertFalse(ipOnly("tcp any any -> any any", "flow:established;"));
    assertFalse(ipOnly("tcp any any -> any any", "flow:to_server;"));
    assertFalse(ipOnly("tcp any any -> any any", "flowbits:isset,seen;"));
    assertFalse(ipOnly("tcp any any -> any any", "flowbits:noalert; flowbits:set,seen;"));
    assertFalse(ipOnly("ip any any -> any any", "ttl:64;"));
    assertFalse(ipOnly("tcp any any -> any any", "flags:S;"));
    assertFalse(ipOnly("tcp any any -> any any", "dsize:0;"));
  }

  @Test
  void aNegatedAddressEvenThroughAVariableMakesAPacketRule() {
    assertFalse(ipOnly("ip !10.0.0.0/8 any -> any any", ""));
    assertFalse(ipOnly("ip any any -> [10.0.0.0/8,!10.1.0.0/16] any", ""));
    Variables negated =
        Variables.defaults()
            .withAddress("HOME_NET", "10.0.0.0/8")
            .withAddress("EXTERNAL_NET", "!$HOME_NET");
    String et =
        "alert ip $HOME_NET any -> $EXTERNAL_NET any (msg:\"6in4\"; ip_proto:41; sid:2012141;)";
    assertFalse(IpOnly.of(rule(et, negated)));
    assertTrue(IpOnly.of(rule(et, Variables.defaults())));
  }
}
