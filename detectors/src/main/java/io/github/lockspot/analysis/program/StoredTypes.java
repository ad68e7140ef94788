package io.github.lockspot.analysis.program;

import io.github.lockspot.analysis.api.JdkTypes;
import io.github.lockspot.analysis.flow.ClassSummary;
import io.github.lockspot.analysis.flow.Events;
import io.github.lockspot.analysis.flow.MethodSummary;
import io.github.lockspot.analysis.value.MethodRef;
import io.github.lockspot.analysis.value.ValuePath;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The classes of the objects a field can hold, as far as the analysed code wires them: a field whose every store
 * in the analysed code is an allocation ({@code new GenericObjectPool(...)}), or a parameter, field or constant
 * {@code null} that in turn only ever brings such allocations, holds objects of those classes. A virtual call on it
 * then runs their methods, not every implementation of the interface it is declared with. This assumes that code
 * outside the analysis wires the field as the analysed code does: a parameter of a method no analysed code calls
 * (a library's public constructor) adds nothing, but one of a method that may be called through a supertype's name
 * makes the field's classes unknown, and so does any store of a value of unknown origin. Answers are computed on
 * demand and remembered; cycles of stores count what is known so far.
 */
final class StoredTypes {

    /** Steps from a field through parameters and other fields to the allocations, at most. */
    static final int MAX_STEPS = 8;

    /** A field by the class declaring it and its name. */
    private record Field(String owner, String name) {
    }

    private final ProgramModel model;
    // No lock of its own: it is asked while the model's monitor is held, and asks the model in turn. The indexes are
    // built at most once per thread that finds them missing, and the same each time.
    private volatile Map<Field, List<Store>> stores;
    private volatile Map<MethodRef, List<ProgramModel.CallEdge>> exactCalls;
    /** Per field asked about, its classes; an empty set for a field whose classes are unknown. */
    private final Map<Field, Set<String>> known = new ConcurrentHashMap<>();

    /** A reference passed to a library method called on an object of {@code receiverType}, as {@code paramType}. */
    private record Handed(String receiverType, String paramType, ValuePath value) {
    }

    private static final String OBJECT = "java/lang/Object";
    private volatile List<Handed> handed;
    /** Per receiver class and callback type asked about, the classes registered; empty when unknown. */
    private final Map<List<String>, Set<String>> registered = new ConcurrentHashMap<>();

    /** A store into a field: the method it is in and what it writes. */
    private record Store(MethodSummary method, Events.FieldAccess access) {
    }

    StoredTypes(ProgramModel model) {
        this.model = model;
    }

    /**
     * The classes of the objects {@code receiver} can be, when it is a field whose stores the analysed code shows
     * are all allocations; empty when unknown.
     */
    Set<String> classesOf(ValuePath receiver) {
        Field field = fieldOf(receiver);
        return field == null ? Set.of() : classesIn(field, 0, new HashSet<>());
    }

    /**
     * The classes of the objects the program hands as a possible {@code callbackType} to library methods called on
     * objects of {@code receiverType} (or of a class it extends or that extends it): the callbacks that library code
     * keeps and later calls on such an object ({@code handle.addObserver(page)} registers the page's class, and its
     * analysed subclasses, with handles). Empty when unknown: nothing is handed, or a value handed as
     * {@code callbackType} or one of its supertypes has classes the analysed code does not show. A value of
     * unknown class handed where the library takes a plain {@code Object} ({@code notifyObservers(Object argument)})
     * is not taken for a callback.
     */
    Set<String> registeredWith(String receiverType, String callbackType) {
        return registered.computeIfAbsent(List.of(receiverType, callbackType), key -> {
            Set<String> classes = new TreeSet<>();
            for (Handed handed : handed()) {
                if (!model.related(handed.receiverType(), receiverType)) {
                    continue;
                }
                String type = handed.value() == null ? handed.paramType() : handed.value().type();
                if (type != null && !type.equals(callbackType) && model.isSubtype(type, callbackType)) {
                    classes.add(type);
                    classes.addAll(model.analysedSubtypesOf(type));
                } else if (type == null || model.isSubtype(callbackType, type)
                        && !(type.equals(OBJECT) && handed.paramType().equals(OBJECT))) {
                    Set<String> stored = handed.value() == null ? Set.of() : classesOf(handed.value());
                    if (stored.isEmpty()) {
                        return Set.of();
                    }
                    classes.addAll(stored);
                }
            }
            return Collections.unmodifiableSet(classes); // sorted: Set.copyOf iterates in another order each run
        });
    }

    /** Every reference the analysed code passes to a library method called on an object, with its receiver's class. */
    private List<Handed> handed() {
        List<Handed> handed = this.handed;
        if (handed == null) {
            handed = new ArrayList<>();
            for (MethodSummary method : model.allMethods()) {
                for (Events.Call call : method.calls()) {
                    MethodRef target = call.target();
                    MethodSummary callee = model.lookUp(target.owner(), target.name(), target.desc());
                    if (call.receiver() == null || call.receiver().type() == null
                            || callee != null && !model.isLibrary(callee.method())) {
                        continue;
                    }
                    Type[] params = Type.getArgumentTypes(target.desc());
                    for (int i = 0; i < params.length && i < call.args().size(); i++) {
                        if (params[i].getSort() == Type.OBJECT) {
                            handed.add(new Handed(call.receiver().type(), params[i].getInternalName(),
                                    call.args().get(i)));
                        }
                    }
                }
            }
            this.handed = handed;
        }
        return handed;
    }

    private Field fieldOf(ValuePath path) {
        if (path instanceof ValuePath.InstanceField field) {
            return declared(field.owner(), field.name());
        }
        if (path instanceof ValuePath.StaticField field) {
            return declared(field.owner(), field.name());
        }
        return null;
    }

    /** The field as its declaring class names it, so that stores through a subclass's name count. */
    private Field declared(String owner, String name) {
        for (String type = owner; type != null; ) {
            ClassSummary summary = model.classNamed(type);
            if (summary == null) {
                return new Field(owner, name);
            }
            if (summary.fields().containsKey(name)) {
                return new Field(type, name);
            }
            type = summary.superName();
        }
        return new Field(owner, name);
    }

    private Set<String> classesIn(Field field, int steps, Set<Field> inProgress) {
        Set<String> cached = known.get(field);
        if (cached != null) {
            return cached;
        }
        if (!inProgress.add(field)) {
            return null; // a cycle of stores: what the other stores bring
        }
        Set<String> classes = new TreeSet<>();
        List<Store> writes = stores().getOrDefault(field, List.of());
        boolean complete = !writes.isEmpty() && steps < MAX_STEPS;
        for (int i = 0; complete && i < writes.size(); i++) {
            Store store = writes.get(i);
            if (!store.access().storesDefault()) {
                complete = addClassesOf(store.access().written(), store.method(), steps + 1, classes, inProgress);
            }
        }
        inProgress.remove(field);
        // sorted, as registeredWith's
        Set<String> result = complete && !classes.isEmpty() ? Collections.unmodifiableSet(classes) : Set.of();
        if (steps == 0) { // deeper answers may be cut short by a cycle or the step bound
            known.put(field, result);
        }
        return result;
    }

    /** Adds the classes {@code value}, seen in {@code method}, can be; false when they are not all known. */
    private boolean addClassesOf(ValuePath value, MethodSummary method, int steps, Set<String> into,
            Set<Field> inProgress) {
        if (value instanceof ValuePath.NewObject made) {
            into.add(made.type());
            return true;
        }
        if (value instanceof ValuePath.Param param) {
            if (steps >= MAX_STEPS || !isCalledOnlyByName(method)) { // parameters handed on in a cycle of calls
                return false;
            }
            // A method no analysed code calls (a public constructor or setter of a library) brings what its callers
            // outside pass: assumed to be what the analysed code itself wires in elsewhere.
            for (ProgramModel.CallEdge call : exactCalls().getOrDefault(method.method(), List.of())) {
                List<ValuePath> args = call.call().args();
                if (param.index() >= args.size() || args.get(param.index()) == null
                        || !addClassesOf(args.get(param.index()), call.caller(), steps + 1, into, inProgress)) {
                    return false;
                }
            }
            return true;
        }
        Field field = fieldOf(value);
        if (field == null || steps >= MAX_STEPS) {
            return false;
        }
        Set<String> classes = classesIn(field, steps, inProgress);
        if (classes == null) {
            return true;
        }
        into.addAll(classes);
        return !classes.isEmpty();
    }

    /**
     * Whether every value the analysed code passes as parameter {@code index} of {@code method} is a lambda or method
     * reference, as it is written or through helpers passing their own parameter on: then a call on the parameter
     * runs those (the program's {@code withLock(Supplier action)} helper), not any other implementation of its
     * interface. As for {@link #classesOf}, callers outside the analysis are assumed to pass what the analysed code
     * does; a method that may be called through a supertype's name, or that no analysed code calls, is unknown.
     */
    boolean onlyLambdasIn(MethodSummary method, int index) {
        return onlyLambdasIn(method, index, 0);
    }

    private boolean onlyLambdasIn(MethodSummary method, int index, int steps) {
        List<ProgramModel.CallEdge> calls = exactCalls().getOrDefault(method.method(), List.of());
        if (steps >= MAX_STEPS || calls.isEmpty() || !isCalledOnlyByName(method)) {
            return false;
        }
        for (ProgramModel.CallEdge call : calls) {
            List<ValuePath> args = call.call().args();
            ValuePath arg = index < args.size() ? args.get(index) : null;
            if (!(arg instanceof ValuePath.Lambda)
                    && !(arg instanceof ValuePath.Param param && onlyLambdasIn(call.caller(), param.index(), steps + 1))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether every call that can run {@code method} names it: constructors, static and private methods, and methods
     * that declare no method of a supertype (a call through the supertype's name could run them unseen).
     */
    private boolean isCalledOnlyByName(MethodSummary method) {
        MethodRef ref = method.method();
        return ref.name().equals("<init>") || method.isStatic() || (method.access() & Opcodes.ACC_PRIVATE) != 0
                || !overridesSomething(ref);
    }

    private boolean overridesSomething(MethodRef ref) {
        for (String supertype : model.supertypesOf(ref.owner())) {
            ClassSummary summary = model.classNamed(supertype);
            boolean declares = summary != null ? model.method(new MethodRef(supertype, ref.name(), ref.desc())) != null
                    : !supertype.startsWith("java/") || JdkTypes.has(supertype, ref.name(), ref.desc());
            if (declares && !supertype.equals("java/lang/Object")) {
                return true;
            }
        }
        return false;
    }

    private Map<Field, List<Store>> stores() {
        Map<Field, List<Store>> stores = this.stores;
        if (stores == null) {
            stores = new HashMap<>();
            for (MethodSummary method : model.allMethods()) {
                for (Events.FieldAccess access : method.fieldAccesses()) {
                    if (access.write() && isReference(access)) {
                        stores.computeIfAbsent(declared(access.owner(), access.name()), k -> new ArrayList<>())
                                .add(new Store(method, access));
                    }
                }
            }
            this.stores = stores;
        }
        return stores;
    }

    private boolean isReference(Events.FieldAccess access) {
        ClassSummary owner = model.classNamed(declared(access.owner(), access.name()).owner());
        ClassSummary.FieldInfo info = owner == null ? null : owner.fields().get(access.name());
        if (info == null) {
            return access.written() != null || access.storesDefault();
        }
        int sort = Type.getType(info.desc()).getSort();
        return sort == Type.OBJECT || sort == Type.ARRAY;
    }

    /** Every analysed call by the method it names (or inherits), before any dispatch. */
    private Map<MethodRef, List<ProgramModel.CallEdge>> exactCalls() {
        Map<MethodRef, List<ProgramModel.CallEdge>> exactCalls = this.exactCalls;
        if (exactCalls == null) {
            exactCalls = new HashMap<>();
            for (MethodSummary caller : model.allMethods()) {
                for (Events.Call call : caller.calls()) {
                    MethodSummary named = model.lookUp(call.target().owner(), call.target().name(),
                            call.target().desc());
                    if (named != null) {
                        exactCalls.computeIfAbsent(named.method(), k -> new ArrayList<>())
                                .add(new ProgramModel.CallEdge(caller, call));
                    }
                }
            }
            this.exactCalls = exactCalls;
        }
        return exactCalls;
    }
}
