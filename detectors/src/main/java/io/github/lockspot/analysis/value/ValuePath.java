package io.github.lockspot.analysis.value;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Where a reference value comes from, as far as one method can tell: the symbolic name of a lock object. Paths are
 * bounded in depth so that the per-method analysis always reaches a fixed point.
 */
public sealed interface ValuePath {

    /** Longest chain of field loads / calls kept; deeper values become {@link Unknown}. */
    int MAX_DEPTH = 4;

    /** The type of the value (internal name), used to name and abstract values that have no precise origin. */
    String type();

    /** Readable name, e.g. {@code this}, {@code Account.lock}, {@code from.lock}, {@code Cache.rw.readLock()}. */
    String display();

    /** The lock-graph node this value stands for across methods and objects: same field, same static, same type. */
    String abstractKey();

    int depth();

    /**
     * The value a path starts from: {@code this}, a parameter, a static, a new object, ... (the base under its fields
     * and getters); null for null.
     */
    static ValuePath rootOf(ValuePath path) {
        ValuePath at = path;
        while (true) {
            if (at instanceof InstanceField field) {
                at = field.base();
            } else if (at instanceof CallResult result && result.base() != null) {
                at = result.base();
            } else {
                return at;
            }
        }
    }

    /** Rewrites a callee's path in its caller's terms: {@code this} and parameters become the call's receiver and arguments. */
    ValuePath rebase(Function<ValuePath, ValuePath> roots);

    /** True for paths that name one object across calls and methods (a static, a field, {@code this}, a parameter). */
    default boolean precise() {
        return true;
    }

    /** The receiver of an instance method. */
    record This(String type) implements ValuePath {
        public String display() {
            return "this";
        }

        public String abstractKey() {
            return "instance of " + type;
        }

        public int depth() {
            return 0;
        }

        public ValuePath rebase(Function<ValuePath, ValuePath> roots) {
            return roots.apply(this);
        }
    }

    /** Parameter number {@code index} (0-based, not counting {@code this}); {@code name} from the local table if present. */
    record Param(int index, String name, String type) implements ValuePath {
        public String display() {
            return name != null ? name : "parameter " + (index + 1);
        }

        public String abstractKey() {
            return "instance of " + type;
        }

        public int depth() {
            return 0;
        }

        public ValuePath rebase(Function<ValuePath, ValuePath> roots) {
            return roots.apply(this);
        }
    }

    record StaticField(String owner, String name, String type) implements ValuePath {
        public String display() {
            return Names.simpleName(owner) + "." + name;
        }

        public String abstractKey() {
            return "static " + owner + "." + name;
        }

        public int depth() {
            return 0;
        }

        public ValuePath rebase(Function<ValuePath, ValuePath> roots) {
            return this;
        }
    }

    /** {@code base.name}; declared in {@code owner}. All instances' fields of one declaration share an abstract key. */
    record InstanceField(ValuePath base, String owner, String name, String type) implements ValuePath, Step {
        /**
         * As the source says it: {@code Cache.lock}, {@code other.lock}; javac's reference of an inner class to its
         * enclosing instance ({@code this$0}) is {@code Outer.this}.
         */
        public String display() {
            if (name.startsWith("this$") && owner.indexOf('$') > 0) {
                return Names.simpleName(owner.substring(0, owner.lastIndexOf('$'))) + ".this";
            }
            return base instanceof This ? Names.simpleName(owner) + "." + name : base.display() + "." + name;
        }

        public String abstractKey() {
            return "field " + owner + "." + name;
        }

        public int depth() {
            return base.depth() + 1;
        }

        public ValuePath rebase(Function<ValuePath, ValuePath> roots) {
            return Paths.field(base.rebase(roots), owner, name, type);
        }

        public boolean precise() {
            return base.precise();
        }

        /** Written out, names before the base, for the reason {@link MethodRef#equals} is: locks are such paths. */
        @Override
        public boolean equals(Object other) {
            return this == other || other instanceof InstanceField field && Step.same(this, field);
        }

        @Override
        public int hashCode() {
            return Step.hash(this);
        }
    }

    /** {@code Account.class}. */
    record ClassLiteral(String type, String literal) implements ValuePath {
        public ClassLiteral(String literal) {
            this("java/lang/Class", literal);
        }

        public String display() {
            return Names.simpleName(literal) + ".class";
        }

        public String abstractKey() {
            return "class " + literal;
        }

        public int depth() {
            return 0;
        }

        public ValuePath rebase(Function<ValuePath, ValuePath> roots) {
            return this;
        }
    }

    /** An object this method allocated; unknown to callers. */
    record NewObject(String type, Site site) implements ValuePath {
        public String display() {
            return "a new " + Names.simpleName(type) + " of " + site.method(); // no line: names are hashed
        }

        public String abstractKey() {
            return "instance of " + type;
        }

        public int depth() {
            return 0;
        }

        public ValuePath rebase(Function<ValuePath, ValuePath> roots) {
            return new Unknown(type);
        }

        public boolean precise() {
            return false;
        }
    }

    /** The result of a call without arguments on {@code base} (null for static calls): a getter or a lock view such as {@code rw.readLock()}. */
    record CallResult(ValuePath base, String owner, String name, String type) implements ValuePath, Step {
        public String display() {
            return (base == null ? Names.simpleName(owner) : base.display()) + "." + name + "()";
        }

        public String abstractKey() {
            return (base == null ? owner : base.abstractKey()) + "." + name + "()";
        }

        public int depth() {
            return base == null ? 1 : base.depth() + 1;
        }

        public ValuePath rebase(Function<ValuePath, ValuePath> roots) {
            return base == null ? this : Paths.call(base.rebase(roots), owner, name, type);
        }

        public boolean precise() {
            return base == null || base.precise();
        }

        /** Written out as {@link InstanceField#equals} is. */
        @Override
        public boolean equals(Object other) {
            return this == other || other instanceof CallResult call && Step.same(this, call);
        }

        @Override
        public int hashCode() {
            return Step.hash(this);
        }
    }

    /**
     * A lambda or method reference whose body is {@code impl}; {@code captured} are the paths of the values it
     * captured where it was made (null where unknown): for an instance body the receiver first, then the body's
     * leading parameters.
     */
    record Lambda(MethodRef impl, String type, List<ValuePath> captured) implements ValuePath {
        public String display() {
            return "lambda " + impl;
        }

        public String abstractKey() {
            return "lambda " + impl;
        }

        public int depth() {
            return 0;
        }

        public ValuePath rebase(Function<ValuePath, ValuePath> roots) {
            return this;
        }
    }

    /**
     * A value merged from two named ones, {@code c ? first : second} or an {@code if} assigning either: one of the two.
     * With {@code secondOnlyIfFirstNull} ({@code first != null ? first : second}) the value is {@code first} whenever
     * {@code first} is an object. It names no one object, so it stands, named and as a node, for any of its type, as
     * {@link Unknown} does.
     */
    record Choice(ValuePath first, ValuePath second, boolean secondOnlyIfFirstNull, String type) implements ValuePath {
        public String display() {
            return "a " + Names.simpleName(type);
        }

        public String abstractKey() {
            return "instance of " + type;
        }

        public int depth() {
            return Math.max(first.depth(), second.depth());
        }

        public ValuePath rebase(Function<ValuePath, ValuePath> roots) {
            return new Choice(first.rebase(roots), second.rebase(roots), secondOnlyIfFirstNull, type);
        }

        public boolean precise() {
            return false;
        }

        /** Whether taking {@code path} while holding this value's lock re-enters it: it is the value whenever it exists. */
        public boolean isWhenever(ValuePath path) {
            return secondOnlyIfFirstNull && first.equals(path);
        }
    }

    /** A value whose origin the analysis could not name (merged from different origins, loaded from an array, ...). */
    record Unknown(String type) implements ValuePath {
        public String display() {
            return "a " + Names.simpleName(type);
        }

        public String abstractKey() {
            return "instance of " + type;
        }

        public int depth() {
            return 0;
        }

        public ValuePath rebase(Function<ValuePath, ValuePath> roots) {
            return this;
        }

        public boolean precise() {
            return false;
        }
    }

    /**
     * A step from a base by a member (a field read or a getter call): {@link InstanceField} and {@link CallResult},
     * which compare and hash alike, by hand, with the record formula (hash orders stay as they were).
     */
    interface Step {
        ValuePath base();

        String owner();

        String name();

        String type();

        /** Names before the base: two paths mostly differ in their last step. */
        static boolean same(Step a, Step b) {
            return Objects.equals(a.name(), b.name()) && Objects.equals(a.owner(), b.owner())
                    && Objects.equals(a.type(), b.type()) && Objects.equals(a.base(), b.base());
        }

        static int hash(Step step) {
            return ((Objects.hashCode(step.base()) * 31 + Objects.hashCode(step.owner())) * 31
                    + Objects.hashCode(step.name())) * 31 + Objects.hashCode(step.type());
        }
    }
}
