package org.vigil.app.rdp;

import org.vigil.app.AppRecord;
import org.vigil.app.RecordWriter;

/**
 * An RDP transaction's EVE record ({@code event_type: rdp}), as Suricata 7 writes it: {@code tx_id}
 * (the transaction's number, from 1) and the message's {@code event_type} ({@code initial_request},
 * {@code initial_response}, {@code connect_request}, {@code connect_response}, {@code
 * tls_handshake}) with its fields. Addressed as the packet that completed it, without a {@code
 * tx_id} in the header.
 *
 * @param id the transaction's number
 * @param message its message
 */
record RdpRecord(long id, RdpMessage message) implements AppRecord {
  @Override
  public String eventType() {
    return "rdp";
  }

  @Override
  public Boolean packetDirection() {
    return switch (message) {
      case RdpMessage.ConnectionRequest r -> true;
      case RdpMessage.ConnectRequest c -> true;
      case RdpMessage.ConnectionConfirm c -> false;
      case RdpMessage.ConnectResponse c -> false;
      case RdpMessage.CertificateChain c -> false;
    };
  }

  @Override
  public boolean headerTxId() {
    return false;
  }

  @Override
  public void writeFields(RecordWriter out) {
    out.number("tx_id", id);
    switch (message) {
      case RdpMessage.ConnectionRequest r -> request(out, r);
      case RdpMessage.ConnectionConfirm c -> confirm(out, c);
      case RdpMessage.ConnectRequest c -> connectRequest(out, c);
      case RdpMessage.ConnectResponse c -> out.string("event_type", "connect_response");
      case RdpMessage.CertificateChain c -> {
        out.string("event_type", "tls_handshake");
        out.startArray("x509_serials");
        c.serials().forEach(s -> out.string(null, s));
        out.endArray();
      }
    }
  }

  private static void request(RecordWriter out, RdpMessage.ConnectionRequest r) {
    out.string("event_type", "initial_request");
    out.string("cookie", r.cookie());
    if (r.flags() > 0) {
      out.startArray("flags");
      flag(out, r.flags(), 0x1, "restricted_admin_mode_required");
      flag(out, r.flags(), 0x2, "redirected_authentication_mode_required");
      flag(out, r.flags(), 0x8, "correlation_info_present");
      out.endArray();
    }
  }

  private static void confirm(RecordWriter out, RdpMessage.ConnectionConfirm c) {
    out.string("event_type", "initial_response");
    if (c.protocol() >= 0) {
      if (c.responseFlags() > 0) {
        out.startArray("server_supports");
        flag(out, c.responseFlags(), 0x1, "extended_client_data");
        flag(out, c.responseFlags(), 0x2, "dynvc_gfx");
        flag(out, c.responseFlags(), 0x8, "restricted_admin");
        flag(out, c.responseFlags(), 0x10, "redirected_authentication");
        out.endArray();
      }
      out.string("protocol", RdpNames.protocol(c.protocol()));
    } else if (c.failureCode() > 0) {
      out.number("error_code", c.failureCode());
      out.string("reason", RdpNames.failure(c.failureCode()));
    }
  }

  private static void flag(RecordWriter out, int flags, int bit, String name) {
    if ((flags & bit) != 0) {
      out.string(null, name);
    }
  }

  private static void connectRequest(RecordWriter out, RdpMessage.ConnectRequest c) {
    out.string("event_type", "connect_request");
    for (RdpMessage.ClientBlock b : c.blocks()) {
      switch (b) {
        case ClientCoreData core -> client(out, core);
        case RdpMessage.ClientChannels ch -> {
          if (!ch.names().isEmpty()) {
            out.startArray("channels");
            ch.names().forEach(n -> out.string(null, n));
            out.endArray();
          }
        }
      }
    }
  }

  private static void client(RecordWriter out, ClientCoreData c) {
    out.startObject("client");
    out.string("version", RdpNames.version(c.version()));
    out.number("desktop_width", c.desktopWidth());
    out.number("desktop_height", c.desktopHeight());
    optional(out, "color_depth", c.bitsPerPixel());
    out.string("keyboard_layout", RdpNames.keyboardLayout(c.keyboardLayout()));
    out.string("build", RdpNames.build(c.clientBuild()));
    if (!c.clientName().isEmpty()) {
      out.string("client_name", c.clientName());
    }
    if (c.keyboardType() > 0) {
      out.string("keyboard_type", RdpNames.keyboardType(c.keyboardType()));
    }
    if (c.keyboardSubtype() != 0) {
      out.number("keyboard_subtype", c.keyboardSubtype());
    }
    if (c.functionKeys() != 0) {
      out.number("function_keys", c.functionKeys());
    }
    if (!c.ime().isEmpty()) {
      out.string("ime", c.ime());
    }
    optional(out, "product_id", c.productId());
    if (c.serialNumber() > 0) {
      out.number("serial_number", c.serialNumber());
    }
    if (c.earlyCapabilities() > 0) {
      java.util.List<String> caps = RdpNames.capabilities(c.earlyCapabilities());
      // an early capability field of only the unused bit still opens the list, as Suricata's does
      out.startArray("capabilities");
      caps.forEach(s -> out.string(null, s));
      out.endArray();
    }
    if (c.digProductId() != null && !c.digProductId().isEmpty()) {
      out.string("id", c.digProductId());
    }
    if (c.connectionHint() > 0) {
      out.string("connection_hint", RdpNames.connectionHint(c.connectionHint()));
    }
    optional(out, "physical_width", c.physicalWidth());
    optional(out, "physical_height", c.physicalHeight());
    optional(out, "desktop_orientation", c.orientation());
    optional(out, "scale_factor", c.desktopScale());
    optional(out, "device_scale_factor", c.deviceScale());
    out.endObject();
  }

  private static void optional(RecordWriter out, String name, long v) {
    if (v >= 0) {
      out.number(name, v);
    }
  }

  @Override
  public String field(String path) {
    return switch (path) {
      case "rdp.cookie" -> message instanceof RdpMessage.ConnectionRequest r ? r.cookie() : null;
      default -> null;
    };
  }
}
