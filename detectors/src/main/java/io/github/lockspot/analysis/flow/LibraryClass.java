package io.github.lockspot.analysis.flow;

import io.github.lockspot.analysis.api.Supertypes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
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
 * methods that can matter to the program's locking are summarised: those that synchronize ({@code synchronized}
 * methods or blocks: {@code Vector}, {@code Observable}, {@code ConcurrentHashMap}'s bins) or call, on this class or
 * its superclass, a method that may ({@code Observable.notifyObservers()} calls {@code notifyObservers(null)}), and
 * those that call a method on one of their parameters (a callback into the program: {@code String.valueOf(Object)}
 * calls {@code toString()}). Of {@code String}, which synchronizes in one place, that is a few methods, not all
 * sixty the program calls. The class keeps its bytes, not a parsed tree: a method is read again when asked for.
 */
public final class LibraryClass {

    private final byte[] bytes;
    private final String name;
    private final String superName;
    private final List<String> interfaces;
    private final int access;
    private final String sourceFile;
    /** The methods that may take a lock or call back into the program, as {@code name + desc}. */
    private final Set<String> mattering;
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
        // what a superclass other than Object does is not read here: a call into it may lock
        boolean inheritsCode = superName != null && !superName.equals("java/lang/Object");
        Set<String> methods = new HashSet<>();
        Set<String> matters = new HashSet<>();
        Map<String, Set<String>> ownCallers = new HashMap<>();
        for (MethodNode method : node.methods) {
            String key = method.name + method.desc;
            methods.add(key);
            if ((method.access & Opcodes.ACC_SYNCHRONIZED) != 0) {
                matters.add(key);
            }
            for (AbstractInsnNode insn = method.instructions.getFirst(); insn != null; insn = insn.getNext()) {
                if (insn.getOpcode() == Opcodes.MONITORENTER || callsOnParameter(method, insn)) {
                    matters.add(key);
                } else if (insn instanceof MethodInsnNode call && call.owner.equals(name)) {
                    ownCallers.computeIfAbsent(call.name + call.desc, k -> new HashSet<>()).add(key);
                } else if (inheritsCode && insn instanceof MethodInsnNode call && call.owner.equals(superName)
                        && !call.name.equals("<init>")) {
                    matters.add(key);
                }
            }
        }
        // a call on this class of a method it does not declare runs an inherited one, which may lock
        ownCallers.forEach((callee, callers) -> {
            if (inheritsCode && !methods.contains(callee)) {
                matters.addAll(callers);
            }
        });
        Deque<String> todo = new ArrayDeque<>(matters);
        while (!todo.isEmpty()) {
            for (String caller : ownCallers.getOrDefault(todo.poll(), Set.of())) {
                if (matters.add(caller)) {
                    todo.add(caller);
                }
            }
        }
        this.mattering = Set.copyOf(matters);
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
     * {@code key.hashCode()}, {@code o.equals(other)}): the cheap sign of a callback into the caller's objects. Not on
     * a parameter of a final JDK class or an array ({@code str.length()}): no code of the program runs there.
     */
    private static boolean callsOnParameter(MethodNode method, AbstractInsnNode insn) {
        if (!(insn instanceof VarInsnNode load) || load.getOpcode() != Opcodes.ALOAD) {
            return false;
        }
        int slot = (method.access & Opcodes.ACC_STATIC) != 0 ? 0 : 1;
        Type parameter = null;
        for (Type type : Type.getArgumentTypes(method.desc)) {
            if (slot == load.var) {
                parameter = type;
            }
            slot += type.getSize();
        }
        if (parameter == null || parameter.getSort() == Type.ARRAY
                || FINAL_VALUE_TYPES.contains(parameter.getInternalName())) {
            return false;
        }
        AbstractInsnNode next = load.getNext();
        if (next instanceof VarInsnNode || next != null && next.getOpcode() == Opcodes.GETFIELD) {
            next = next.getNext(); // o.equals(other), o.equals(this.value)
        }
        return next instanceof MethodInsnNode call && (call.getOpcode() == Opcodes.INVOKEVIRTUAL
                || call.getOpcode() == Opcodes.INVOKEINTERFACE);
    }

    /** Final JDK classes whose methods run no program code. */
    private static final Set<String> FINAL_VALUE_TYPES = Set.of("java/lang/String", "java/lang/Class",
            "java/lang/Integer", "java/lang/Long", "java/lang/Short", "java/lang/Byte", "java/lang/Character",
            "java/lang/Boolean", "java/lang/Float", "java/lang/Double", "java/lang/StringBuilder");

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
     * matter to the program's locking (it neither synchronizes, nor calls a method of its class that may, nor calls
     * anything on its parameters).
     */
    public synchronized MethodSummary method(String methodName, String desc) {
        String key = methodName + desc;
        if (!mattering.contains(key)) {
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
