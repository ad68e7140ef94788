package io.github.lockspot.analysis.flow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * The field reads behind javac's {@code access$NNN} methods. Before Java 11 a nested class reads its outer class's
 * private field through a synthetic static accessor ({@code Outer.access$000(this$0)} returns {@code this$0.lock}),
 * so without this a lock taken in an inner class (an iterator's {@code remove}, a worker's {@code run}) is an unknown
 * value, not the outer object's lock that every other method takes. The accessor's class is read on first request
 * through {@code classBytes} (SpotBugs' class path) and only its accessors are kept.
 */
public final class Accessors {

    /** No class is read: accessor results stay unknown (analysis of a lone class file). */
    public static final Accessors NONE = new Accessors(name -> null);

    /** A getter accessor's field: {@code param0.name} of {@code owner}, or the static {@code owner.name}. */
    record FieldRead(String owner, String name, String desc, boolean isStatic) {
    }

    private final Function<String, byte[]> classBytes;
    /** By class: each getter accessor ({@code name + desc}) and the field it reads. */
    private final Map<String, Map<String, FieldRead>> byClass = new HashMap<>();

    /** {@code classBytes} returns a class file by internal name, or null if there is none. */
    public Accessors(Function<String, byte[]> classBytes) {
        this.classBytes = classBytes;
    }

    static boolean isAccessorName(String name) {
        return name.startsWith("access$");
    }

    /** The field {@code owner.name desc} returns when it is a javac getter accessor; null otherwise. */
    synchronized FieldRead fieldReadBy(String owner, String name, String desc) {
        Map<String, FieldRead> getters = byClass.get(owner);
        if (getters == null) {
            getters = gettersOf(classBytes.apply(owner));
            byClass.put(owner, getters);
        }
        return getters.get(name + desc);
    }

    private static Map<String, FieldRead> gettersOf(byte[] bytes) {
        Map<String, FieldRead> getters = new HashMap<>();
        if (bytes == null) {
            return getters;
        }
        try {
            new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String desc, String signature,
                        String[] exceptions) {
                    int kind = Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC;
                    if ((access & kind) != kind || !isAccessorName(name)) {
                        return null;
                    }
                    return new MethodNode(Opcodes.ASM9, access, name, desc, signature, exceptions) {
                        @Override
                        public void visitEnd() {
                            FieldRead read = getterField(this);
                            if (read != null) {
                                getters.put(name + desc, read);
                            }
                        }
                    };
                }
            }, ClassReader.SKIP_FRAMES | ClassReader.SKIP_DEBUG);
        } catch (RuntimeException e) {
            getters.clear(); // an unreadable class has no accessors LockSpot can use
        }
        return getters;
    }

    /**
     * {@code aload 0; getfield f; return} taking the field's owner, or {@code getstatic f; return} taking nothing:
     * javac's whole getter accessor. Anything else (setters, {@code x++} accessors, forwarding calls) is not a read.
     */
    private static FieldRead getterField(MethodNode accessor) {
        List<AbstractInsnNode> code = new ArrayList<>();
        for (AbstractInsnNode insn = accessor.instructions.getFirst(); insn != null; insn = insn.getNext()) {
            if (insn.getOpcode() >= 0) {
                code.add(insn);
            }
        }
        Type[] params = Type.getArgumentTypes(accessor.desc);
        if (code.size() == 3 && code.get(0) instanceof VarInsnNode load && load.getOpcode() == Opcodes.ALOAD
                && load.var == 0 && code.get(1) instanceof FieldInsnNode field
                && field.getOpcode() == Opcodes.GETFIELD && params.length == 1
                && params[0].getSort() == Type.OBJECT && params[0].getInternalName().equals(field.owner)
                && isReturn(code.get(2))) {
            return new FieldRead(field.owner, field.name, field.desc, false);
        }
        if (code.size() == 2 && code.get(0) instanceof FieldInsnNode field && field.getOpcode() == Opcodes.GETSTATIC
                && params.length == 0 && isReturn(code.get(1))) {
            return new FieldRead(field.owner, field.name, field.desc, true);
        }
        return null;
    }

    private static boolean isReturn(AbstractInsnNode insn) {
        return insn.getOpcode() >= Opcodes.IRETURN && insn.getOpcode() <= Opcodes.ARETURN;
    }
}
