package io.github.lockspot.analysis.flow;

import io.github.lockspot.analysis.api.Supertypes;
import io.github.lockspot.analysis.value.ValuePath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.MethodNode;

/** Reads one class file and summarises every method's locking with {@link MethodLockAnalysis}. */
public final class ClassAnalysis {

    private ClassAnalysis() {
    }

    /**
     * Summarises the class in {@code bytes}, knowing only the JDK's lock types. Methods the analysis cannot handle are
     * kept with a skip reason; an unreadable class file throws {@link IllegalArgumentException} with a message naming
     * the problem.
     */
    public static ClassSummary analyze(byte[] bytes) {
        return analyze(bytes, Supertypes.JDK_ONLY);
    }

    /** Summarises the class in {@code bytes}; {@code supertypes} tells which user classes extend JDK lock types. */
    public static ClassSummary analyze(byte[] bytes, Supertypes supertypes) {
        return analyze(bytes, supertypes, Accessors.NONE);
    }

    /**
     * Summarises the class in {@code bytes}; {@code supertypes} tells which user classes extend JDK lock types, and
     * {@code accessors} which field javac's {@code access$NNN} methods of other classes read.
     */
    public static ClassSummary analyze(byte[] bytes, Supertypes supertypes, Accessors accessors) {
        ClassNode node = readTree(bytes);
        Map<String, ValuePath> conditionFields = new HashMap<>();
        // The class's own supertypes are known from its header: a class extending ReentrantLock locks itself.
        Supertypes known = Supertypes.remembering((type, supertype) -> type.equals(node.name)
                ? node.superName != null && supertypes.isSubtype(node.superName, supertype)
                        || node.interfaces.stream().anyMatch(i -> supertypes.isSubtype(i, supertype))
                : supertypes.isSubtype(type, supertype));
        List<MethodSummary> methods = new ArrayList<>();
        // Constructors first: they tell which fields hold lock.newCondition(), which other methods then resolve.
        for (MethodNode method : node.methods) {
            if (method.name.equals("<init>")) {
                MethodSummary summary = MethodLockAnalysis.analyze(node.name, method, Map.of(), known, accessors);
                collectConditionFields(summary, conditionFields);
                methods.add(summary);
            }
        }
        for (MethodNode method : node.methods) {
            if (!method.name.equals("<init>")) {
                methods.add(MethodLockAnalysis.analyze(node.name, method, conditionFields, known, accessors));
            }
        }
        Map<String, ClassSummary.FieldInfo> fields = new LinkedHashMap<>();
        for (FieldNode field : node.fields) {
            fields.put(field.name, new ClassSummary.FieldInfo(field.name, field.desc, field.access,
                    guardedBy(field.visibleAnnotations, field.invisibleAnnotations, field.visibleTypeAnnotations,
                            field.invisibleTypeAnnotations)));
        }
        return new ClassSummary(node.name, node.superName, List.copyOf(node.interfaces), node.access,
                node.sourceFile, annotationTypes(node.visibleAnnotations, node.invisibleAnnotations), fields,
                List.copyOf(methods));
    }

    /**
     * The header, fields and instructions of a class file, without stack map frames (the analysis computes its own);
     * throws {@link IllegalArgumentException} if the bytes are not a readable class file.
     */
    static ClassNode readTree(byte[] bytes) {
        ClassNode node = new ClassNode();
        try {
            new ClassReader(bytes).accept(node, ClassReader.SKIP_FRAMES);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unreadable class file: " + e, e);
        }
        return node;
    }

    /** Calls whose result, stored in a field by a constructor, the field then stands for: views of one lock. */
    private static final Set<String> LOCK_VIEWS = Set.of("newCondition", "readLock", "writeLock", "asReadLock",
            "asWriteLock");

    /**
     * A constructor's {@code this.cond = this.lock.newCondition()} makes {@code cond} a condition of {@code lock}; its
     * {@code this.r = this.rw.readLock()} makes {@code r} the read half of {@code rw} (likewise the write half), the
     * idiom of {@code ReentrantReadWriteLock}'s documentation.
     */
    private static void collectConditionFields(MethodSummary constructor, Map<String, ValuePath> conditionFields) {
        for (Events.FieldAccess access : constructor.fieldAccesses()) {
            if (access.write() && access.base() instanceof ValuePath.This
                    && access.written() instanceof ValuePath.CallResult made && LOCK_VIEWS.contains(made.name())) {
                conditionFields.putIfAbsent(access.name(), made);
            }
        }
    }

    private static Set<String> annotationTypes(List<AnnotationNode> visible, List<AnnotationNode> invisible) {
        Set<String> types = new TreeSet<>();
        for (List<AnnotationNode> list : List.of(orEmpty(visible), orEmpty(invisible))) {
            for (AnnotationNode annotation : list) {
                types.add(Type.getType(annotation.desc).getInternalName());
            }
        }
        return types;
    }

    /**
     * The value of a {@code @GuardedBy} annotation (of any package) among these, or null. Checker Framework's is a type
     * annotation ({@code @GuardedBy("lock") long balance} annotates the type) whose value is an array: its first lock.
     */
    @SafeVarargs
    static String guardedBy(List<? extends AnnotationNode>... lists) {
        for (List<? extends AnnotationNode> list : lists) {
            for (AnnotationNode annotation : orEmpty(list)) {
                if (annotation.desc.endsWith("/GuardedBy;") && annotation.values != null) {
                    for (int i = 0; i + 1 < annotation.values.size(); i += 2) {
                        if ("value".equals(annotation.values.get(i))) {
                            Object value = annotation.values.get(i + 1);
                            if (!(value instanceof List<?> locks)) {
                                return String.valueOf(value);
                            }
                            if (!locks.isEmpty()) {
                                return String.valueOf(locks.get(0));
                            }
                        }
                    }
                }
            }
        }
        return null;
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
