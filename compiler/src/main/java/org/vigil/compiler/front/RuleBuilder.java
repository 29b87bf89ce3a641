package org.vigil.compiler.front;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.vigil.compiler.ir.Buffer;
import org.vigil.compiler.ir.Content;
import org.vigil.compiler.ir.Pcre;
import org.vigil.compiler.ir.RuleOption;
import org.vigil.compiler.ir.SourcePos;

/**
 * The state of one rule while its options are parsed: options so far (contents still open to
 * modifiers), the active sticky buffer, byte_extract variables, and flags the checks need.
 */
public final class RuleBuilder {
  private final List<Object> items = new ArrayList<>();
  private final Set<String> byteVars = new HashSet<>();
  private Buffer sticky;
  private ContentDraft lastContent;

  /** Sticky buffer selected with no payload option after it yet (Suricata rejects such rules). */
  private SourcePos emptyStickyPos;

  private Buffer emptySticky;

  /**
   * Transforms may still be added to the active sticky buffer: set when it is selected, cleared
   * once an option consumed the transforms written after it (Suricata's list_set).
   */
  private boolean transformsOpen;

  /** Transforms were added that no inspecting option consumed yet. */
  private boolean transformsPending;

  /** The buffer payload options written now inspect. */
  public Buffer currentBuffer() {
    return sticky == null ? Buffer.PKT_DATA : sticky;
  }

  /**
   * The buffer an option that follows the last match goes to, as Suricata places base64_decode: the
   * active sticky buffer, else the buffer of the last content, pcre, byte_test, byte_jump,
   * byte_extract or isdataat (an http_* modified content's buffer), else the packet.
   */
  public Buffer lastMatchBuffer() {
    if (sticky != null) {
      return sticky;
    }
    for (int i = items.size() - 1; i >= 0; i--) {
      switch (items.get(i)) {
        case ContentDraft c -> {
          return c.buffer;
        }
        case Pcre p -> {
          return p.buffer();
        }
        case org.vigil.compiler.ir.ByteTest t -> {
          return t.buffer();
        }
        case org.vigil.compiler.ir.ByteJump j -> {
          return j.buffer();
        }
        case org.vigil.compiler.ir.ByteExtract x -> {
          return x.buffer();
        }
        case org.vigil.compiler.ir.IsDataAt d -> {
          return d.buffer();
        }
        default -> {}
      }
    }
    return Buffer.PKT_DATA;
  }

  /** True when a sticky buffer other than pkt_data is active. */
  public boolean stickyActive() {
    return sticky != null;
  }

  /** Selects a sticky buffer ({@code PKT_DATA} resets to the packet). */
  void selectSticky(Buffer buffer, SourcePos pos) {
    sticky = buffer == Buffer.PKT_DATA ? null : buffer;
    transformsOpen = sticky != null;
    transformsPending = false;
    if (sticky != null) {
      emptySticky = buffer;
      emptyStickyPos = pos;
    } else {
      emptySticky = null;
    }
  }

  /** Adds a finished option. */
  public void add(RuleOption option) {
    items.add(option);
    if (option instanceof org.vigil.compiler.ir.Transform) {
      transformsPending = true;
    } else if (option instanceof org.vigil.compiler.ir.PayloadOption
        && !(option instanceof org.vigil.compiler.ir.StickyBuffer)) {
      consumeTransforms();
    }
    if (option instanceof org.vigil.compiler.ir.PayloadOption p
        && !(option instanceof org.vigil.compiler.ir.StickyBuffer)
        && !(option instanceof org.vigil.compiler.ir.Transform)
        && p.buffer() == emptySticky) {
      emptySticky = null;
    }
  }

  /** Adds a content that following modifiers apply to. */
  void addContent(ContentDraft c) {
    items.add(c);
    lastContent = c;
    consumeTransforms();
    if (c.buffer == emptySticky) {
      emptySticky = null;
    }
  }

  private void consumeTransforms() {
    if (transformsPending) {
      transformsPending = false;
      transformsOpen = false;
    }
  }

  /**
   * True when a transform may be written here: a sticky buffer is active and no option consumed
   * transforms since it was selected. A transform after options that inspected the buffer starts a
   * new, transformed instance of it, as in Suricata 7.
   */
  boolean transformsOpen() {
    return sticky != null && transformsOpen;
  }

  /** The content the next modifier applies to, or null. */
  ContentDraft lastContent() {
    return lastContent;
  }

  /**
   * The last content or pcre before {@code before} (exclusive) that inspects {@code buffer}, or
   * null.
   */
  Object lastMatchIn(Buffer buffer, Object before) {
    int end = before == null ? items.size() : items.indexOf(before);
    for (int i = end - 1; i >= 0; i--) {
      Object o = items.get(i);
      if (o instanceof ContentDraft c && c.buffer == buffer) {
        return c;
      }
      if (o instanceof Pcre p && p.buffer() == buffer) {
        return p;
      }
    }
    return null;
  }

  /** All contents so far. */
  List<ContentDraft> contents() {
    List<ContentDraft> out = new ArrayList<>();
    for (Object o : items) {
      if (o instanceof ContentDraft c) {
        out.add(c);
      }
    }
    return out;
  }

  /** Declares a byte_extract variable. */
  void declareVar(String name) {
    byteVars.add(name);
  }

  /** True when a byte_extract before this point declared {@code name}. */
  boolean hasVar(String name) {
    return byteVars.contains(name);
  }

  /** The sticky buffer selected last that has no payload option after it, or null. */
  Buffer emptySticky() {
    return emptySticky;
  }

  /** Where that sticky buffer was selected. */
  SourcePos emptyStickyPos() {
    return emptyStickyPos;
  }

  /** The options in source order. */
  public List<RuleOption> build() {
    List<RuleOption> out = new ArrayList<>(items.size());
    for (Object o : items) {
      out.add(o instanceof ContentDraft c ? c.build() : (RuleOption) o);
    }
    return out;
  }

  /** Shorthand used by checks: all built contents. */
  static List<Content> contentsOf(List<RuleOption> options) {
    List<Content> out = new ArrayList<>();
    for (RuleOption o : options) {
      if (o instanceof Content c) {
        out.add(c);
      }
    }
    return out;
  }
}
