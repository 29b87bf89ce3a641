package org.vigil.detect.artifact;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import org.vigil.detect.api.Buffers;

/**
 * The content of a {@code .vrs} ruleset artifact: compiler version, source hash, rule metadata and
 * source text, flowbit names, the generated classes' bytes, and the signature groups with their
 * prefilter tables. Written by the compiler, read by the runtime ({@link #read}) and turned into a
 * runnable ruleset by {@code org.vigil.detect.RulesetLinker} without the compiler and without
 * parsing rules.
 */
public final class RulesetImage {
  /** Marks the end of the content (inside the digest, so a short content read is noticed). */
  private static final int END = 0x56525345; // "VRSE"

  /** One generated class answering rules {@code firstRule .. firstRule + ruleCount - 1}. */
  public record ClassEntry(String name, int firstRule, int ruleCount, byte[] bytes) {}

  /**
   * One keyword plugin option of a rule: option {@code option} (index among the rule's options) of
   * global rule {@code rule}, the plugin that implements {@code keyword} when the ruleset was
   * compiled ({@code pluginClass}, {@code version}) and the option's value as written, which the
   * plugin prepares again when the ruleset is linked.
   */
  public record PluginUse(
      int rule, int option, String keyword, String pluginClass, String version, String value) {
    /** The plugin as a user names it: {@code keyword (class version)}. */
    public String plugin() {
      return "'" + keyword + "' (" + pluginClass + " " + version + ")";
    }
  }

  public final String compilerVersion;
  public final String sourceHash;
  public final RuleMeta[] meta;

  /** Per rule: {@code file:line:col} and the rule text as written (for {@code vigil inspect}). */
  public final String[] ruleSource;

  /** Per rule: its prefilter pattern as {@code buffer:"text"}, or "" when always a candidate. */
  public final String[] fastPatterns;

  public final List<String> flowbitNames;
  public final List<ClassEntry> classes;
  public final PortGroup[] anyGroups;
  public final PortGroup[][] portGroups;
  public final int[][] portMaps;

  /** The keyword plugin options of the rules, in rule order. */
  public final List<PluginUse> pluginUses;

  /** An image from its parts (see the field docs), with no keyword plugin options. */
  public RulesetImage(
      String compilerVersion,
      String sourceHash,
      RuleMeta[] meta,
      String[] ruleSource,
      String[] fastPatterns,
      List<String> flowbitNames,
      List<ClassEntry> classes,
      PortGroup[] anyGroups,
      PortGroup[][] portGroups,
      int[][] portMaps) {
    this(
        compilerVersion,
        sourceHash,
        meta,
        ruleSource,
        fastPatterns,
        flowbitNames,
        classes,
        anyGroups,
        portGroups,
        portMaps,
        List.of());
  }

  /** An image from its parts (see the field docs). */
  public RulesetImage(
      String compilerVersion,
      String sourceHash,
      RuleMeta[] meta,
      String[] ruleSource,
      String[] fastPatterns,
      List<String> flowbitNames,
      List<ClassEntry> classes,
      PortGroup[] anyGroups,
      PortGroup[][] portGroups,
      int[][] portMaps,
      List<PluginUse> pluginUses) {
    this.pluginUses = List.copyOf(pluginUses);
    this.compilerVersion = compilerVersion;
    this.sourceHash = sourceHash;
    this.meta = meta;
    this.ruleSource = ruleSource;
    this.fastPatterns = fastPatterns;
    this.flowbitNames = List.copyOf(flowbitNames);
    this.classes = List.copyOf(classes);
    this.anyGroups = anyGroups;
    this.portGroups = portGroups;
    this.portMaps = portMaps;
  }

  /** The distinct keyword plugins the rules need, as {@code keyword (class version)}, sorted. */
  public List<String> requiredPlugins() {
    return pluginUses.stream().map(PluginUse::plugin).distinct().sorted().toList();
  }

  /** Writes the artifact, unsigned, sealed with its digest ({@link VrsEnvelope}). */
  public void write(OutputStream os) throws IOException {
    write(os, null);
  }

  /**
   * Writes the artifact sealed with its digest and, when {@code signer} is not null, signed with
   * that Ed25519 key.
   */
  public void write(OutputStream os, PrivateKey signer) throws IOException {
    ByteArrayOutputStream content = new ByteArrayOutputStream(1 << 16);
    writeContent(content);
    os.write(
        VrsEnvelope.seal(
            content.toByteArray(), signer, signer == null ? null : VrsKeys.publicOf(signer)));
    os.flush();
  }

  private void writeContent(OutputStream os) throws IOException {
    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(os, 1 << 16));
    out.writeUTF(compilerVersion);
    out.writeUTF(sourceHash);
    out.writeInt(flowbitNames.size());
    for (String s : flowbitNames) {
      out.writeUTF(s);
    }
    out.writeInt(meta.length);
    for (int i = 0; i < meta.length; i++) {
      RuleMeta m = meta[i];
      out.writeLong(m.gid());
      out.writeLong(m.sid());
      out.writeLong(m.rev());
      out.writeUTF(m.action().keyword());
      writeLong(out, m.msg());
      out.writeUTF(m.classtype() == null ? "" : m.classtype());
      out.writeInt(m.priority());
      out.writeShort(m.scope());
      out.writeInt(m.references().size());
      for (String r : m.references()) {
        writeLong(out, r);
      }
      RuleMeta.RateLimit rl = m.rateLimit();
      out.writeBoolean(rl != null);
      if (rl != null) {
        out.writeUTF(rl.kind());
        out.writeBoolean(rl.bySrc());
        out.writeLong(rl.count());
        out.writeLong(rl.seconds());
      }
      out.writeInt(m.metadata().size());
      for (var e : m.metadata().entrySet()) {
        writeLong(out, e.getKey());
        out.writeInt(e.getValue().size());
        for (String v : e.getValue()) {
          writeLong(out, v);
        }
      }
      writeLong(out, ruleSource[i]);
      writeLong(out, fastPatterns[i]);
    }
    out.writeInt(classes.size());
    for (ClassEntry c : classes) {
      out.writeUTF(c.name);
      out.writeInt(c.firstRule);
      out.writeInt(c.ruleCount);
      TableIO.writeBytes(out, c.bytes);
    }
    for (int pc = 0; pc < 3; pc++) {
      writeGroup(out, anyGroups[pc]);
      out.writeInt(portGroups[pc].length);
      for (PortGroup g : portGroups[pc]) {
        writeGroup(out, g);
      }
      out.writeBoolean(portMaps[pc] != null);
      if (portMaps[pc] != null) {
        TableIO.writeInts(out, portMaps[pc]);
      }
    }
    out.writeInt(pluginUses.size());
    for (PluginUse u : pluginUses) {
      out.writeInt(u.rule());
      out.writeInt(u.option());
      out.writeUTF(u.keyword());
      out.writeUTF(u.pluginClass());
      out.writeUTF(u.version());
      writeLong(out, u.value());
    }
    out.writeInt(END);
    out.flush();
  }

  private static void writeLong(DataOutputStream out, String s) throws IOException {
    TableIO.writeBytes(out, s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /**
   * A count of elements that follow: each takes at least one byte, so a count beyond the bytes left
   * is corrupt (and would otherwise allocate without bound before the content runs out).
   */
  private static int count(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0 || n > in.available()) {
      throw new IOException("bad element count " + n + " with " + in.available() + " bytes left");
    }
    return n;
  }

  /** The copy of {@code s} in {@code texts}, which keeps {@code s} when it has none yet. */
  private static String one(java.util.Map<String, String> texts, String s) {
    String had = texts.putIfAbsent(s, s);
    return had != null ? had : s;
  }

  private static String readLong(DataInputStream in) throws IOException {
    return new String(TableIO.readBytes(in), java.nio.charset.StandardCharsets.UTF_8);
  }

  private static void writeGroup(DataOutputStream out, PortGroup g) throws IOException {
    out.writeUTF(g.name());
    out.writeInt(g.ruleCount());
    TableIO.writeInts(out, g.always());
    for (int b = 0; b < Buffers.COUNT; b++) {
      Prefilter p = g.prefilter(b);
      out.writeBoolean(p != null);
      if (p != null) {
        p.write(out);
      }
    }
    g.bySource().write(out);
    g.byDestination().write(out);
    g.byDestinationPort().write(out);
    g.byIcmpType().write(out);
  }

  private static PortGroup readGroup(DataInputStream in) throws IOException {
    String name = in.readUTF();
    int count = in.readInt();
    int[] always = TableIO.readInts(in);
    Prefilter[] pf = new Prefilter[Buffers.COUNT];
    for (int b = 0; b < Buffers.COUNT; b++) {
      if (in.readBoolean()) {
        pf[b] = Prefilter.read(in);
      }
    }
    AddressIndex bySrc = AddressIndex.read(in);
    AddressIndex byDst = AddressIndex.read(in);
    AddressIndex byDstPort = AddressIndex.read(in);
    AddressIndex byIcmpType = AddressIndex.read(in);
    return new PortGroup(name, count, always, pf, bySrc, byDst, byDstPort, byIcmpType);
  }

  /**
   * Reads an artifact, signed or not; an {@link IOException} names what is wrong with a bad file.
   */
  public static RulesetImage read(InputStream is) throws IOException {
    return read(is, null);
  }

  /**
   * Reads an artifact whose digest holds and, when {@code trusted} is not null, that is signed by
   * that key; nothing of the content is parsed before those checks. A {@link VrsException} names
   * what failed.
   */
  public static RulesetImage read(InputStream is, PublicKey trusted) throws IOException {
    return read(is.readAllBytes(), trusted);
  }

  /**
   * Reads the artifact whose file bytes are {@code file}, checked as {@link #read(InputStream,
   * PublicKey)} checks it; the content is parsed in place.
   */
  public static RulesetImage read(byte[] file, PublicKey trusted) throws IOException {
    int start = VrsEnvelope.contentStart();
    int end = VrsEnvelope.contentEnd(file, trusted);
    try {
      return readContent(new DataInputStream(new ByteArrayInputStream(file, start, end - start)));
    } catch (IOException | RuntimeException e) {
      throw new VrsException(
          "corrupt .vrs content although its digest holds (a faulty writer?): "
              + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName()));
    }
  }

  private static RulesetImage readContent(DataInputStream in) throws IOException {
    String version = in.readUTF();
    String hash = in.readUTF();
    int nbits = count(in);
    List<String> bits = new ArrayList<>(nbits);
    for (int i = 0; i < nbits; i++) {
      bits.add(in.readUTF());
    }
    int n = count(in);
    // classtypes, references and metadata repeat across rules: the ruleset, which lives as long as
    // the run, keeps one copy of each distinct text
    java.util.HashMap<String, String> texts = new java.util.HashMap<>();
    RuleMeta[] meta = new RuleMeta[n];
    String[] src = new String[n];
    String[] fps = new String[n];
    for (int i = 0; i < n; i++) {
      long gid = in.readLong();
      long sid = in.readLong();
      long rev = in.readLong();
      RuleAction action = RuleAction.of(in.readUTF());
      String msg = readLong(in);
      String ct = one(texts, in.readUTF());
      int prio = in.readInt();
      int scope = in.readUnsignedShort();
      int nref = count(in);
      List<String> refs = new ArrayList<>(nref);
      for (int k = 0; k < nref; k++) {
        refs.add(one(texts, readLong(in)));
      }
      RuleMeta.RateLimit rl = null;
      if (in.readBoolean()) {
        rl = new RuleMeta.RateLimit(in.readUTF(), in.readBoolean(), in.readLong(), in.readLong());
      }
      int nmeta = count(in);
      java.util.LinkedHashMap<String, List<String>> md = new java.util.LinkedHashMap<>();
      for (int k = 0; k < nmeta; k++) {
        String key = one(texts, readLong(in));
        int nv = count(in);
        List<String> vs = new ArrayList<>(nv);
        for (int v = 0; v < nv; v++) {
          vs.add(one(texts, readLong(in)));
        }
        md.put(key, vs);
      }
      src[i] = readLong(in);
      fps[i] = readLong(in);
      meta[i] =
          new RuleMeta(
              i,
              gid,
              sid,
              rev,
              action,
              msg,
              ct.isEmpty() ? null : ct,
              prio,
              List.copyOf(refs),
              rl,
              scope,
              md);
    }
    int nc = count(in);
    List<ClassEntry> classes = new ArrayList<>(nc);
    for (int i = 0; i < nc; i++) {
      classes.add(new ClassEntry(in.readUTF(), in.readInt(), in.readInt(), TableIO.readBytes(in)));
    }
    PortGroup[] any = new PortGroup[3];
    PortGroup[][] ports = new PortGroup[3][];
    int[][] maps = new int[3][];
    for (int pc = 0; pc < 3; pc++) {
      any[pc] = readGroup(in);
      int ng = count(in);
      ports[pc] = new PortGroup[ng];
      for (int g = 0; g < ng; g++) {
        ports[pc][g] = readGroup(in);
      }
      if (in.readBoolean()) {
        maps[pc] = TableIO.readInts(in);
      }
    }
    int nuses = in.readInt();
    if (nuses < 0) {
      throw new IOException("corrupt .vrs: bad keyword plugin count");
    }
    List<PluginUse> uses = new ArrayList<>();
    for (int i = 0; i < nuses; i++) {
      uses.add(
          new PluginUse(
              in.readInt(), in.readInt(), in.readUTF(), in.readUTF(), in.readUTF(), readLong(in)));
    }
    if (in.readInt() != END || in.read() != -1) {
      throw new IOException("the content does not end where it should");
    }
    return new RulesetImage(version, hash, meta, src, fps, bits, classes, any, ports, maps, uses);
  }
}
