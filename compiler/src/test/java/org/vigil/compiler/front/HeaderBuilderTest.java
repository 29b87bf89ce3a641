package org.vigil.compiler.front;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.vigil.compiler.ir.AddressSpec;
import org.vigil.compiler.ir.PortSpec;
import org.vigil.compiler.ir.Rule;

class HeaderBuilderTest {

  private static Rule header(String h) {
    return Rules.rule("alert tcp " + h + " (sid:1;)");
  }

  private static String bad(String h) {
    return Rules.badRule("alert tcp " + h + " (sid:1;)").message();
  }

  @Test
  void addresses() throws Exception {
    Rule r = header("192.168.1.7/24 any -> [10.0.0.1,![10.0.0.8/30,2001:db8::1/64]] any");
    AddressSpec.Cidr c = assertInstanceOf(AddressSpec.Cidr.class, r.sourceAddress());
    assertEquals(InetAddress.getByName("192.168.1.0"), c.address(), "host bits are masked");
    assertEquals(24, c.prefix());
    AddressSpec.Group g = assertInstanceOf(AddressSpec.Group.class, r.destinationAddress());
    assertEquals(32, ((AddressSpec.Cidr) g.items().get(0)).prefix());
    AddressSpec.Not n = assertInstanceOf(AddressSpec.Not.class, g.items().get(1));
    AddressSpec.Group inner = assertInstanceOf(AddressSpec.Group.class, n.inner());
    AddressSpec.Cidr v6 = (AddressSpec.Cidr) inner.items().get(1);
    assertTrue(v6.isV6());
    assertEquals(64, v6.prefix());
    assertInstanceOf(AddressSpec.Any.class, header("any any -> any any").sourceAddress());
  }

  @Test
  void ipv4MappedAddressesStayIpv6() {
    Rule r = header("::ffff:1.2.3.4 any -> ![::ffff:1.2.3.0/120] any");
    AddressSpec.Cidr c = (AddressSpec.Cidr) r.sourceAddress();
    assertTrue(c.isV6());
    assertEquals(128, c.prefix());
    assertTrue(
        org.vigil.compiler.ir.IrComparison.equalIgnoringPositions(
            r, Rules.rule(RulePrinter.print(r))));
  }

  @Test
  void variablesAreResolvedRecursively() {
    Rule r = header("$HTTP_SERVERS $FILE_DATA_PORTS -> $EXTERNAL_NET any");
    AddressSpec.Var v = (AddressSpec.Var) r.sourceAddress();
    assertEquals("HTTP_SERVERS", v.name());
    AddressSpec.Var home = assertInstanceOf(AddressSpec.Var.class, v.value());
    assertEquals("HOME_NET", home.name());
    assertInstanceOf(AddressSpec.Any.class, home.value());
    PortSpec.Var fd = (PortSpec.Var) r.sourcePort();
    PortSpec.Group g = assertInstanceOf(PortSpec.Group.class, fd.value());
    assertEquals(new PortSpec.Range(g.items().get(1).pos(), 110, 110), g.items().get(1));
    assertEquals("HTTP_PORTS", ((PortSpec.Var) g.items().get(0)).name());
  }

  @Test
  void ports() {
    Rule r = header("any [80,!8080,1024:,:100,6000:6010] -> any !$HTTP_PORTS");
    PortSpec.Group g = (PortSpec.Group) r.sourcePort();
    List<PortSpec> items = g.items();
    assertEquals(80, ((PortSpec.Range) items.get(0)).low());
    assertInstanceOf(PortSpec.Not.class, items.get(1));
    PortSpec.Range open = (PortSpec.Range) items.get(2);
    assertEquals(List.of(1024, 65535), List.of(open.low(), open.high()));
    PortSpec.Range upTo = (PortSpec.Range) items.get(3);
    assertEquals(List.of(0, 100), List.of(upTo.low(), upTo.high()));
    assertInstanceOf(PortSpec.Not.class, r.destinationPort());
  }

  @Test
  void errors() {
    assertEquals(
        "'300.1.1.1' is not an IP address, CIDR, any or $VARIABLE",
        bad("300.1.1.1 any -> any any"));
    assertEquals(
        "prefix length /33 out of range for '1.2.3.4/33'", bad("1.2.3.4/33 any -> any any"));
    assertEquals(
        "'host.example' is not an IP address, CIDR, any or $VARIABLE",
        bad("host.example any -> any any"));
    assertEquals("port 70000 is out of range (0-65535)", bad("any 70000 -> any any"));
    assertEquals("port range '90:80' is empty (90 > 80)", bad("any 90:80 -> any any"));
    assertEquals(
        "variable $NOPE is not defined (set vars.address-groups.NOPE in vigil.yaml or with --set)",
        bad("$NOPE any -> any any"));
    assertEquals(
        "variable $NOPE_PORTS is not defined (set vars.port-groups.NOPE_PORTS in vigil.yaml or with --set)",
        bad("any $NOPE_PORTS -> any any"));
    assertTrue(
        bad("!$HOME_NET any -> any any").startsWith("the source address spec matches no address"));
    assertEquals("the destination port spec matches no port", bad("any any -> any !any"));
    Diagnostic d = Rules.badRule("alert tcp any any -> ![$SMTP_SERVERS,$DNS_SERVERS] any (sid:1;)");
    assertEquals("empty address range", d.reason());
    assertEquals(22, d.pos().column());
  }

  @Test
  void variableErrorsNameTheConfigKey() {
    Variables v = new Variables(Map.of("A", "$B", "B", "$A", "BAD", "[1.2.3.4,"), Map.of());
    ParseResult r =
        FrontEnd.parseText(
            "v.rules",
            """
        alert tcp $A any -> any any (sid:1;)
        alert tcp $BAD any -> any any (sid:2;)
        """,
            v);
    assertEquals("variable $A refers to itself", r.errors().get(0).message());
    assertEquals(
        "variable $BAD (vars.address-groups.BAD) has an invalid value \"[1.2.3.4,\"",
        r.errors().get(1).message());
  }
}
