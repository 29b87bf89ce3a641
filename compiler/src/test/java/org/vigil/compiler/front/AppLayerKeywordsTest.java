package org.vigil.compiler.front;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.vigil.compiler.front.Rules.bad;
import static org.vigil.compiler.front.Rules.one;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.vigil.compiler.ir.DceIface;
import org.vigil.compiler.ir.DceOpnum;
import org.vigil.compiler.ir.NumericCheck;
import org.vigil.compiler.ir.SipMethod;
import org.vigil.compiler.ir.SipStatCode;
import org.vigil.compiler.ir.SslState;
import org.vigil.compiler.ir.SslVersion;

class AppLayerKeywordsTest {

  @Test
  void ssl() {
    assertEquals(
        List.of(
            new SslVersion.Item(SslVersion.Version.SSLV3, false),
            new SslVersion.Item(SslVersion.Version.TLS1_0, true)),
        one("ssl_version:sslv3,!tls1.0;", SslVersion.class).versions());
    assertEquals(
        SslVersion.Version.TLS1_3,
        one("ssl_version:tls1.3;", SslVersion.class).versions().get(0).version());
    assertEquals(
        List.of(new SslState.Item(SslState.State.SERVER_HELLO, false)),
        one("ssl_state:server_hello;", SslState.class).states());
    assertEquals(
        "ssl_version: unknown version 'tls9' (sslv2, sslv3, tls1.0, tls1.1, tls1.2, tls1.3)",
        bad("ssl_version:tls9;"));
    assertEquals(
        "ssl_state: unknown state 'goodbye' (client_hello, server_hello, client_keyx, server_keyx, unknown)",
        bad("ssl_state:goodbye;"));
  }

  @Test
  void dce() {
    DceIface d = one("dce_iface:4b324fc8-1670-01d3-1278-5a47bf6ee188;", DceIface.class);
    assertEquals(UUID.fromString("4b324fc8-1670-01d3-1278-5a47bf6ee188"), d.uuid());
    DceIface v = one("dce_iface:4b324fc8-1670-01d3-1278-5a47bf6ee188,<2,any_frag;", DceIface.class);
    assertEquals(NumericCheck.of(NumericCheck.Op.LT, 2), v.version());
    assertTrue(v.anyFrag());
    assertEquals("dce_iface: invalid interface UUID '1234'", bad("dce_iface:1234;"));
    assertEquals(
        List.of(new DceOpnum.Range(1, 1), new DceOpnum.Range(3, 7)),
        one("dce_opnum:1,3-7;", DceOpnum.class).ranges());
    assertEquals("dce_opnum: range 7-3 is empty", bad("dce_opnum:7-3;"));
  }

  @Test
  void sip() {
    assertEquals(
        List.of(new SipMethod.Item("options", false), new SipMethod.Item("invite", true)),
        one("sip_method:options,!INVITE;", SipMethod.class).methods());
    assertEquals(List.of(4, 180), one("sip_stat_code:4,180;", SipStatCode.class).codes());
    assertEquals(
        "sip_stat_code: status code must be one digit (a class) or three digits, found 42",
        bad("sip_stat_code:42;"));
  }
}
