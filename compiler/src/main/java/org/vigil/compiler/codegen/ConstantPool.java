package org.vigil.compiler.codegen;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.vigil.compiler.analysis.PcreTranslator;
import org.vigil.detect.api.AddressSet;
import org.vigil.detect.api.KeywordPlugin;
import org.vigil.detect.api.PcreProgram;
import org.vigil.detect.api.PluginStates;

/**
 * The static constants of one generated class (pattern bytes, linked pcre programs, address sets):
 * deduplicated, declared as {@code static final} fields and built once in {@code <clinit>} from
 * string constants, so rule code reads them with one {@code getstatic}.
 */
final class ConstantPool {
  /** Descriptor of a plugin option's prepared state. */
  static final String PREPARED = "Lorg/vigil/detect/api/KeywordPlugin$Prepared;";

  /** Descriptor of a linked pcre program. */
  static final String PROGRAM = Type.getDescriptor(PcreProgram.class);

  private final String owner;
  private final Map<String, String> fields = new LinkedHashMap<>();
  private final List<String[]> inits = new ArrayList<>();

  ConstantPool(String owner) {
    this.owner = owner;
  }

  /** Field name holding {@code bytes} (lower-cased first when {@code nocase}). */
  String bytes(byte[] bytes, boolean nocase) {
    byte[] b = bytes.clone();
    if (nocase) {
      for (int i = 0; i < b.length; i++) {
        int c = b[i] & 0xff;
        if (c >= 'A' && c <= 'Z') {
          b[i] = (byte) (c + 32);
        }
      }
    }
    String lit = new String(b, StandardCharsets.ISO_8859_1);
    return field("B:" + lit, "P", "[B", lit);
  }

  /**
   * Field name holding the linked pcre program ({@link PcreProgram#link}: engine chosen when the
   * class is initialized).
   */
  String regex(PcreTranslator.Translated t) {
    return field(
        "R:" + t.flags() + ":" + t.regex(), "R", PROGRAM, t.regex() + "\u0000" + t.flags());
  }

  /** Descriptor of an argument-taking transform step. */
  static final String STEP = Type.getDescriptor(org.vigil.detect.api.TransformStep.class);

  /** Field name holding the transform step of {@code spec} ({@code TransformStep#of}). */
  String transformStep(String spec) {
    return field("T:" + spec, "T", STEP, spec);
  }

  /** Descriptor of a dataset. */
  static final String DATASET = Type.getDescriptor(org.vigil.detect.api.Dataset.class);

  /** Field name holding the dataset of {@code spec} ({@code Datasets#link}). */
  String dataset(String spec) {
    return field("D:" + spec, "D", DATASET, spec);
  }

  /** Field name holding the address set. */
  String addresses(AddressSet a) {
    return field("A:" + a.spec(), "A", Type.getDescriptor(AddressSet.class), a.spec());
  }

  /** Field name holding the prepared state of plugin option {@code option} of rule {@code rule}. */
  String plugin(int rule, int option) {
    return field(
        "K:" + rule + ":" + option,
        "K",
        Type.getDescriptor(KeywordPlugin.Prepared.class),
        rule + ":" + option);
  }

  private String field(String key, String prefix, String desc, String init) {
    String f = fields.get(key);
    if (f == null) {
      f = prefix + fields.size();
      fields.put(key, f);
      inits.add(new String[] {f, desc, init});
    }
    return f;
  }

  /** Declares the fields and writes {@code <clinit>}. */
  void emit(ClassWriter cw) {
    for (String[] in : inits) {
      cw.visitField(
              Opcodes.ACC_STATIC | Opcodes.ACC_FINAL | Opcodes.ACC_PRIVATE,
              in[0],
              in[1],
              null,
              null)
          .visitEnd();
    }
    MethodVisitor mv = cw.visitMethod(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
    mv.visitCode();
    for (String[] in : inits) {
      switch (in[1]) {
        case "[B" -> {
          mv.visitLdcInsn(in[2]);
          mv.visitFieldInsn(
              Opcodes.GETSTATIC,
              "java/nio/charset/StandardCharsets",
              "ISO_8859_1",
              "Ljava/nio/charset/Charset;");
          mv.visitMethodInsn(
              Opcodes.INVOKEVIRTUAL,
              "java/lang/String",
              "getBytes",
              "(Ljava/nio/charset/Charset;)[B",
              false);
        }
        case "Lorg/vigil/detect/api/PcreProgram;" -> {
          int nul = in[2].lastIndexOf('\u0000');
          mv.visitLdcInsn(Type.getObjectType(owner));
          mv.visitLdcInsn(in[2].substring(0, nul));
          mv.visitLdcInsn(Integer.parseInt(in[2].substring(nul + 1)));
          mv.visitMethodInsn(
              Opcodes.INVOKESTATIC,
              Type.getInternalName(PcreProgram.class),
              "link",
              "(Ljava/lang/Class;Ljava/lang/String;I)" + PROGRAM,
              true);
        }
        case "Lorg/vigil/detect/api/TransformStep;" -> {
          mv.visitLdcInsn(in[2]);
          mv.visitMethodInsn(
              Opcodes.INVOKESTATIC,
              Type.getInternalName(org.vigil.detect.api.TransformStep.class),
              "of",
              "(Ljava/lang/String;)" + STEP,
              false);
        }
        case "Lorg/vigil/detect/api/Dataset;" -> {
          mv.visitLdcInsn(Type.getObjectType(owner));
          mv.visitLdcInsn(in[2]);
          mv.visitMethodInsn(
              Opcodes.INVOKESTATIC,
              Type.getInternalName(org.vigil.detect.api.Datasets.class),
              "link",
              "(Ljava/lang/Class;Ljava/lang/String;)" + DATASET,
              false);
        }
        case PREPARED -> {
          int colon = in[2].indexOf(':');
          mv.visitLdcInsn(Type.getObjectType(owner));
          mv.visitLdcInsn(Integer.parseInt(in[2].substring(0, colon)));
          mv.visitLdcInsn(Integer.parseInt(in[2].substring(colon + 1)));
          mv.visitMethodInsn(
              Opcodes.INVOKESTATIC,
              Type.getInternalName(PluginStates.class),
              "of",
              "(Ljava/lang/Class;II)" + PREPARED,
              true);
        }
        default -> {
          mv.visitLdcInsn(in[2]);
          mv.visitMethodInsn(
              Opcodes.INVOKESTATIC,
              Type.getInternalName(AddressSet.class),
              "parse",
              "(Ljava/lang/String;)" + Type.getDescriptor(AddressSet.class),
              false);
        }
      }
      mv.visitFieldInsn(Opcodes.PUTSTATIC, owner, in[0], in[1]);
    }
    mv.visitInsn(Opcodes.RETURN);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
  }
}
