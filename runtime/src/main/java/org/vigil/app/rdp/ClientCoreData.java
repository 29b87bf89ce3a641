package org.vigil.app.rdp;

/**
 * The client core data block of an MCS connect-initial (MS-RDPBCGR 2.2.1.3.2), read as Suricata 7
 * reads it: the fixed fields must all be there, then each optional field is read only when the one
 * before it was, and a value outside the ones the specification defines ends the optional fields
 * (it and those after it are absent). Absent numbers are -1, absent texts null.
 *
 * @param version the RDP version (0x80001, 0x80004, 0x80005-0x8000c: v4, v5, v10.0-v10.7)
 * @param desktopWidth the desktop width in pixels
 * @param desktopHeight the desktop height in pixels
 * @param colorDepth the first colour depth field (0xca00 or 0xca01), or -1 for another value
 * @param keyboardLayout the keyboard layout (a Windows locale id)
 * @param clientBuild the client's Windows build number
 * @param clientName the client's computer name
 * @param keyboardType the keyboard type (1-7), or -1 for another value
 * @param keyboardSubtype the keyboard subtype
 * @param functionKeys the number of function keys
 * @param ime the input method editor's file name
 * @param postBeta2ColorDepth the second colour depth field, or -1
 * @param productId the client product id, or -1
 * @param serialNumber the serial number, or -1
 * @param highColorDepth the high colour depth, or -1
 * @param earlyCapabilities the early capability flags, or -1
 * @param digProductId the client's digital product id, or null
 * @param connectionHint the connection type (0-7), or -1
 * @param physicalWidth the desktop's physical width in millimetres (10-10000), or -1
 * @param physicalHeight the desktop's physical height in millimetres (10-10000), or -1
 * @param orientation the desktop orientation (0, 90, 180, 270), or -1
 * @param desktopScale the desktop scale factor (100-500), or -1
 * @param deviceScale the device scale factor (100, 140, 180), or -1
 */
record ClientCoreData(
    long version,
    int desktopWidth,
    int desktopHeight,
    int colorDepth,
    long keyboardLayout,
    long clientBuild,
    String clientName,
    int keyboardType,
    long keyboardSubtype,
    long functionKeys,
    String ime,
    int postBeta2ColorDepth,
    int productId,
    long serialNumber,
    int highColorDepth,
    int earlyCapabilities,
    String digProductId,
    int connectionHint,
    long physicalWidth,
    long physicalHeight,
    int orientation,
    long desktopScale,
    long deviceScale)
    implements RdpMessage.ClientBlock {

  /** The block's type. */
  static final int TYPE = 0xc001;

  /**
   * Reads a core data block at {@code in}'s position (moving past it); {@link RdpReader#INVALID}
   * when it is not one, {@link RdpReader#INCOMPLETE} when its fixed fields are cut short.
   */
  static ClientCoreData parse(RdpReader in) {
    if (in.u16le() != TYPE) {
      throw RdpReader.INVALID;
    }
    int size = in.u16le() - 4;
    if (size < 0) {
      throw RdpReader.INVALID;
    }
    RdpReader d = in.sub(size);
    long version = d.u32le();
    int width = d.u16le();
    int height = d.u16le();
    int color = d.u16le();
    d.u16le(); // the secure access sequence
    long layout = d.u32le();
    long build = d.u32le();
    String name = RdpText.utf16(d, 32);
    long kbType = d.u32le();
    long kbSubtype = d.u32le();
    long fkeys = d.u32le();
    String ime = RdpText.utf16(d, 64);
    Optional o = new Optional(d);
    int postBeta2 = o.u16(v -> v == 0 || (v >= 0xca00 && v <= 0xca04));
    int productId = o.u16(v -> true);
    long serial = o.u32(v -> true);
    int high = o.u16(v -> v == 0 || v == 4 || v == 8 || v == 15 || v == 16 || v == 24);
    o.u16(v -> (v & ~0xF) == 0); // the supported colour depths
    int early = o.u16(v -> (v & ~0x7FF) == 0);
    String dig = o.text(64);
    int hint = o.u8(v -> v <= 7);
    o.u8(v -> true); // pad
    o.u32(v -> (v & ~0xFL) == 0); // the server's selected protocol
    long pw = o.u32(v -> v >= 10 && v <= 10_000);
    long ph = o.u32(v -> v >= 10 && v <= 10_000);
    int orientation = o.u16(v -> v == 0 || v == 90 || v == 180 || v == 270);
    long desktopScale = o.u32(v -> v >= 100 && v <= 500);
    long deviceScale = o.u32(v -> v == 100 || v == 140 || v == 180);
    return new ClientCoreData(
        version,
        width,
        height,
        color == 0xca00 || color == 0xca01 ? color : -1,
        layout,
        build,
        name,
        kbType >= 1 && kbType <= 7 ? (int) kbType : -1,
        kbSubtype,
        fkeys,
        ime,
        postBeta2,
        productId,
        serial,
        high,
        early,
        dig,
        hint,
        pw,
        ph,
        orientation,
        desktopScale,
        deviceScale);
  }

  /** The colour depth in bits Suricata logs: the high colour depth first, then the older fields. */
  int bitsPerPixel() {
    switch (highColorDepth) {
      case 4, 8, 15, 16, 24 -> {
        return highColorDepth;
      }
      default -> {}
    }
    switch (postBeta2ColorDepth) {
      case 0xca00 -> {
        return 4;
      }
      case 0xca01 -> {
        return 8;
      }
      case 0xca02 -> {
        return 15;
      }
      case 0xca03 -> {
        return 16;
      }
      case 0xca04 -> {
        return 24;
      }
      default -> {}
    }
    return colorDepth == 0xca00 ? 4 : colorDepth == 0xca01 ? 8 : -1;
  }

  /**
   * The optional fields' reader: each is read while all before it were, a value the check refuses
   * or bytes too few make it and all later ones absent.
   */
  private static final class Optional {
    private final RdpReader in;
    private boolean ended;

    Optional(RdpReader in) {
      this.in = in;
    }

    int u8(java.util.function.IntPredicate ok) {
      return (int) read(1, v -> ok.test((int) v));
    }

    int u16(java.util.function.IntPredicate ok) {
      return (int) read(2, v -> ok.test((int) v));
    }

    long u32(java.util.function.LongPredicate ok) {
      return read(4, ok);
    }

    private long read(int size, java.util.function.LongPredicate ok) {
      if (ended || in.left() < size) {
        ended = true;
        return -1;
      }
      long v = size == 1 ? in.u8() : size == 2 ? in.u16le() : in.u32le();
      if (!ok.test(v)) {
        ended = true;
        return -1;
      }
      return v;
    }

    String text(int size) {
      if (ended || in.left() < size) {
        ended = true;
        return null;
      }
      try {
        return RdpText.utf16(in, size);
      } catch (RdpReader.Invalid e) {
        ended = true;
        return null;
      }
    }
  }
}
