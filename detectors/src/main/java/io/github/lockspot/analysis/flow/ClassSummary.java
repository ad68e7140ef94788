package io.github.lockspot.analysis.flow;

import io.github.lockspot.analysis.value.Names;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One analysed class: its place in the type hierarchy, its fields and annotations (for guard and thread-safety
 * declarations), and its methods' summaries.
 */
public record ClassSummary(String name, String superName, List<String> interfaces, int access, String sourceFile,
        Set<String> annotations, Map<String, FieldInfo> fields, List<MethodSummary> methods) {

    /** By name only, which equal summaries share: hashing every method's events made map keys slow. */
    @Override
    public int hashCode() {
        return name.hashCode();
    }

    /** A declared field; {@code guardedBy} is the value of a {@code @GuardedBy} annotation, if any. */
    public record FieldInfo(String name, String desc, int access, String guardedBy) {
        public boolean isVolatile() {
            return (access & org.objectweb.asm.Opcodes.ACC_VOLATILE) != 0;
        }

        public boolean isStatic() {
            return (access & org.objectweb.asm.Opcodes.ACC_STATIC) != 0;
        }

        public boolean isFinal() {
            return (access & org.objectweb.asm.Opcodes.ACC_FINAL) != 0;
        }
    }

    public String simpleName() {
        return Names.simpleName(name);
    }
}
