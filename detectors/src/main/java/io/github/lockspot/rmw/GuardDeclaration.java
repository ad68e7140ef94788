package io.github.lockspot.rmw;

import io.github.lockspot.analysis.flow.ClassSummary;
import io.github.lockspot.analysis.flow.MethodSummary;
import io.github.lockspot.analysis.value.LockId;
import io.github.lockspot.analysis.value.LockKind;
import io.github.lockspot.analysis.value.ValuePath;

/**
 * A field's declared guard, {@code @GuardedBy("...")} of JCIP, {@code javax.annotation.concurrent}, Error Prone,
 * Checker Framework or any other package, resolved to a test on the locks held at an access. Forms understood:
 * {@code this}, {@code Outer.this}, {@code field}, {@code this.field}, {@code Type.field}, {@code other.field},
 * {@code method()}, {@code Type.class} and {@code itself} (the monitor of the object the field refers to); others
 * are not resolved and so never reported.
 */
final class GuardDeclaration {

    private enum Form { THIS, OUTER_THIS, FIELD, METHOD, CLASS, ITSELF }

    private final String text;
    private final Form form;
    /** The field, method or (simple) class name the guard names. */
    private final String name;

    private GuardDeclaration(String text, Form form, String name) {
        this.text = text;
        this.form = form;
        this.name = name;
    }

    /** The resolved {@code @GuardedBy} of {@code field}, or null if it has none or names a guard not understood. */
    static GuardDeclaration of(FieldUses.Field field) {
        return parse(field.info().guardedBy(), field.info().isStatic());
    }

    /** Whether the guard is the monitor of the field's own object: it guards calls on it, not the field's writes. */
    boolean itself() {
        return form == Form.ITSELF;
    }

    /**
     * The lock that a method's {@code @GuardedBy} says its callers hold, in the method's terms (on {@code this} of its
     * class), or null if it has none that is understood.
     */
    static LockId heldOnEntry(MethodSummary method) {
        GuardDeclaration declared = parse(method.guardedBy(), method.isStatic());
        if (declared == null || declared.form == Form.OUTER_THIS || declared.form == Form.ITSELF) {
            return null;
        }
        String owner = method.method().owner();
        ValuePath self = new ValuePath.This(owner);
        ValuePath lock = switch (declared.form) {
            case THIS -> self;
            case CLASS -> new ValuePath.ClassLiteral(declared.name);
            case METHOD -> new ValuePath.CallResult(self, owner, declared.name, "java/lang/Object");
            case FIELD -> new ValuePath.InstanceField(self, owner, declared.name, "java/lang/Object");
            case OUTER_THIS, ITSELF -> throw new IllegalStateException("not a lock on entry: " + declared.form);
        };
        return new LockId(declared.form == Form.THIS ? LockKind.MONITOR : LockKind.LOCK, lock);
    }

    private static GuardDeclaration parse(String value, boolean isStatic) {
        if (value == null) {
            return null;
        }
        String guard = value.trim();
        if (guard.startsWith("this.")) {
            guard = guard.substring("this.".length());
        }
        if (guard.equals("this")) {
            return isStatic ? null : new GuardDeclaration(value, Form.THIS, null);
        }
        if (guard.equals("itself")) {
            return new GuardDeclaration(value, Form.ITSELF, null);
        }
        if (guard.endsWith(".this")) {
            String outer = simple(guard.substring(0, guard.length() - ".this".length()));
            return identifier(outer) ? new GuardDeclaration(value, Form.OUTER_THIS, outer) : null;
        }
        if (guard.endsWith(".class")) {
            return new GuardDeclaration(value, Form.CLASS, simple(guard.substring(0, guard.length() - 6)));
        }
        if (guard.endsWith("()")) {
            String method = guard.substring(0, guard.length() - 2);
            return identifier(method) ? new GuardDeclaration(value, Form.METHOD, method) : null;
        }
        String fieldName = simple(guard);
        return identifier(fieldName) ? new GuardDeclaration(value, Form.FIELD, fieldName) : null;
    }

    /** Whether the class declares itself thread-safe ({@code @ThreadSafe} of any package). */
    static boolean declaredThreadSafe(ClassSummary owner) {
        return owner.annotations().stream().anyMatch(type -> type.endsWith("/ThreadSafe"));
    }

    private static String simple(String dotted) {
        return dotted.substring(dotted.lastIndexOf('.') + 1);
    }

    private static boolean identifier(String name) {
        return !name.isEmpty() && name.chars().allMatch(Character::isJavaIdentifierPart)
                && Character.isJavaIdentifierStart(name.charAt(0));
    }

    /** The annotation as written, for messages. */
    String text() {
        return "@GuardedBy(\"" + text + "\")";
    }

    /**
     * Whether holding {@code lock} satisfies the guard for an access of the object {@code base} (null for a static
     * field): writes need exclusive hold, reads also accept the read half of a read-write lock.
     */
    boolean satisfiedBy(LockId lock, ValuePath base, boolean write) {
        if (lock.kind() == LockKind.SEMAPHORE || write && !lock.kind().guardsWrites()) {
            return false;
        }
        ValuePath path = lock.readWriteBase();
        return switch (form) {
            // The object's monitor, or the object itself when it is a lock (class Segment extends ReentrantLock).
            case THIS -> path.equals(base);
            // The enclosing instance: this in Outer's own code, this.this$0 in its inner classes.
            case OUTER_THIS -> lock.kind() == LockKind.MONITOR && (path instanceof ValuePath.This
                    || path instanceof ValuePath.InstanceField field && field.name().startsWith("this$"))
                    && simple(path.type().replace('/', '.').replace('$', '.')).equals(name);
            // base is the object whose monitor guards it (the receiver of a call on the field).
            case ITSELF -> path.equals(base);
            case CLASS -> path instanceof ValuePath.ClassLiteral literal
                    && simple(literal.literal().replace('/', '.').replace('$', '.')).equals(name);
            case METHOD -> path instanceof ValuePath.CallResult call && call.name().equals(name);
            case FIELD -> path instanceof ValuePath.InstanceField field && field.name().equals(name)
                    || path instanceof ValuePath.StaticField global && global.name().equals(name);
        };
    }
}
