package io.github.lockspot.analysis.flow;

import io.github.lockspot.analysis.api.Supertypes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * A class outside the analysed set (the JDK, a dependency or a sibling module on the auxiliary class path), read from
 * its class file and summarised one method at a time, when a call of the program first reaches that method. Only
 * methods that can matter to the program's locking are summarised: those of a class that synchronizes somewhere
 * ({@code synchronized} methods or blocks: {@code Vector}, {@code Observable}, {@code ConcurrentHashMap}'s bins), and
 * those that call a method on one of their parameters (a callback into the program: {@code String.valueOf(Object)}
 * calls {@code toString()}). The class keeps its bytes, not a parsed tree: a method is read again when asked for.
 */
public final class LibraryClass {

    private final byte[] bytes;
    private final String name;
    private final String superName;
    private final List<String> interfaces;
    private final int access;
    private final String sourceFile;
    private final boolean synchronizes;
    /** The methods that call a method on a parameter, as {@code name + desc}. */
    private final Set<String> callingBack;
    private final Set<String> declared;
    private final Supertypes supertypes;
    private final Map<String, MethodSummary> summaries = new HashMap<>();

    private LibraryClass(byte[] bytes, ClassNode node, Supertypes supertypes) {
        this.bytes = bytes;
        this.name = node.name;
        this.superName = node.superName;
        this.interfaces = List.copyOf(node.interfaces);
        this.access = node.access;
        this.sourceFile = node.sourceFile;
        this.supertypes = supertypes;
        boolean anySynchronized = false;
        Set<String> callers = new java.util.HashSet<>();
        Set<String> methods = new java.util.HashSet<>();
        for (MethodNode method : node.methods) {
            methods.add(method.name + method.desc);
            anySynchronized |= (method.access & Opcodes.ACC_SYNCHRONIZED) != 0;
            for (AbstractInsnNode insn = method.instructions.getFirst(); insn != null; insn = insn.getNext()) {
                anySynchronized |= insn.getOpcode() == Opcodes.MONITORENTER;
                if (callsOnParameter(method, insn)) {
                    callers.add(method.name + method.desc);
                }
            }
        }
        this.synchronizes = anySynchronized;
        this.callingBack = Set.copyOf(callers);
        this.declared = Set.copyOf(methods);
    }

    /**
     * Reads the header and instructions of a class file; throws {@link IllegalArgumentException} if it is unreadable.
     * {@code supertypes} answers the subtype questions of the per-method analysis.
     */
    public static LibraryClass read(byte[] bytes, Supertypes supertypes) {
        return new LibraryClass(bytes, ClassAnalysis.readTree(bytes), supertypes);
    }

    /**
     * A call on a parameter loaded just before it, or before one more load ({@code obj.toString()},
     * {@code key.hashCode()}, {@code o.equals(other)}): the cheap sign of a callback into the caller's objects.
     */
    private static boolean callsOnParameter(MethodNode method, AbstractInsnNode insn) {
        if (!(insn instanceof VarInsnNode load) || load.getOpcode() != Opcodes.ALOAD) {
            return false;
        }
        boolean isStatic = (method.access & Opcodes.ACC_STATIC) != 0;
        int firstParameter = isStatic ? 0 : 1;
        int afterParameters = firstParameter;
        for (Type type : Type.getArgumentTypes(method.desc)) {
            afterParameters += type.getSize();
        }
        if (load.var < firstParameter || load.var >= afterParameters) {
            return false;
        }
        AbstractInsnNode next = load.getNext();
        if (next instanceof VarInsnNode || next != null && next.getOpcode() == Opcodes.GETFIELD) {
            next = next.getNext(); // o.equals(other), o.equals(this.value)
        }
        return next instanceof MethodInsnNode call && (call.getOpcode() == Opcodes.INVOKEVIRTUAL
                || call.getOpcode() == Opcodes.INVOKEINTERFACE);
    }

    public String name() {
        return name;
    }

    public String superName() {
        return superName;
    }

    public List<String> interfaces() {
        return interfaces;
    }

    public int access() {
        return access;
    }

    public String sourceFile() {
        return sourceFile;
    }

    /** Whether the class declares {@code name desc}. */
    public boolean declares(String methodName, String desc) {
        return declared.contains(methodName + desc);
    }

    /**
     * The summary of {@code name desc}, analysed on first request; null if the class does not declare it or it cannot
     * matter to the program's locking (the class never synchronizes and the method calls nothing on its parameters).
     */
    public synchronized MethodSummary method(String methodName, String desc) {
        String key = methodName + desc;
        if (!declared.contains(key) || !synchronizes && !callingBack.contains(key)) {
            return null;
        }
        MethodSummary known = summaries.get(key);
        if (known == null && !summaries.containsKey(key)) {
            known = lockingOnly(MethodLockAnalysis.analyze(name, readMethod(methodName, desc), Map.of(), supertypes,
                    Accessors.NONE));
            summaries.put(key, known);
        }
        return known;
    }

    /**
     * The summary without waits, notifies and field accesses: how a library keeps its own state and conditions is its
     * own business; what the program sees of it is the locks it takes and the calls it makes.
     */
    private static MethodSummary lockingOnly(MethodSummary full) {
        return new MethodSummary(full.method(), full.access(), full.firstLine(), full.acquisitions(), full.releases(),
                List.of(), full.calls(), List.of(), full.skipReason(), full.branches(), full.loops(), full.guardedBy());
    }

    private MethodNode readMethod(String methodName, String desc) {
        MethodNode[] found = new MethodNode[1];
        new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int methodAccess, String visited, String visitedDesc, String signature,
                    String[] exceptions) {
                if (!visited.equals(methodName) || !visitedDesc.equals(desc)) {
                    return null;
                }
                found[0] = new MethodNode(Opcodes.ASM9, methodAccess, visited, visitedDesc, signature, exceptions);
                return found[0];
            }
        }, ClassReader.SKIP_FRAMES);
        return found[0];
    }
}
