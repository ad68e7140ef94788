package io.github.lockspot.analysis.program;

import io.github.lockspot.analysis.api.Supertypes;
import io.github.lockspot.analysis.api.TaskApi;
import io.github.lockspot.analysis.flow.ClassSummary;
import io.github.lockspot.analysis.flow.Events;
import io.github.lockspot.analysis.flow.Hold;
import io.github.lockspot.analysis.flow.LibraryClass;
import io.github.lockspot.analysis.flow.MethodSummary;
import io.github.lockspot.analysis.value.LockId;
import io.github.lockspot.analysis.value.MethodRef;
import io.github.lockspot.analysis.value.Site;
import io.github.lockspot.analysis.value.ValuePath;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import java.util.function.Function;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The whole-program view every detector reads: the summaries of all analysed classes, a call graph over them
 * (virtual and interface calls resolved to analysed implementations, synchronous callbacks linked to their lambdas),
 * the thread entry points (tasks started on other threads, {@code Runnable}s, {@code Thread} subclasses), and
 * events reachable from a method through calls, with their locks rewritten into that method's terms.
 * Built incrementally as SpotBugs visits classes; the derived views are computed on first use after the last class.
 */
public final class ProgramModel {

    /** Virtual calls with more analysed implementations than this are left unresolved: too vague to follow. */
    static final int MAX_VIRTUAL_TARGETS = 8;
    /** How deep {@link #reachable} follows calls. */
    static final int MAX_CALL_DEPTH = 10;
    /**
     * Call chains longer than this are known with less confidence: each call is a step of guesswork about what runs,
     * and a user reading the report has that many methods to follow. Detectors report them one priority lower.
     */
    public static final int CONFIDENT_CALLS = 4;
    /** How many events {@link #reachable} keeps per starting method. */
    static final int MAX_REACHED = 256;
    /**
     * How many library methods in a row a call chain follows ({@code StringBuffer.append(Object)} →
     * {@code String.valueOf(Object)} → the program's {@code toString()} is two): library code is summarised this deep
     * below each call of the program, no deeper.
     */
    public static final int MAX_LIBRARY_DEPTH = 2;

    private final Map<String, ClassSummary> classes = new TreeMap<>();
    /** {@link #classes} by hash: whether a class is analysed is asked for nearly every call a walk follows. */
    private final Map<String, ClassSummary> classesByName = new HashMap<>();
    private final Map<MethodRef, MethodSummary> methods = new HashMap<>();
    private final TypeHierarchy hierarchy = new TypeHierarchy(classes);
    private Map<MethodRef, List<CallEdge>> callers;
    private Map<MethodRef, Site> entryPoints;
    private Map<MethodRef, List<TaskLaunch>> launches;
    private CallerLocks callerLocks;
    private LockRegions lockRegions;
    private FieldStates fieldStates;
    private StoredTypes storedTypes = new StoredTypes(this);
    private LibraryClasses library = LibraryClasses.none();
    private List<MethodSummary> libraryMethods;
    private Map<MethodRef, Map<Integer, Set<ValuePath.Lambda>>> passedLambdas;
    /** {@link #reachable}'s answers by kind, then by starting method. */
    private final Map<String, Map<MethodRef, List<Reach<?>>>> reachableCache = new HashMap<>();
    /** Resolved call sites, by identity: every walk over the call graph asks again for the same ones. */
    private final Map<Events.Call, List<MethodSummary>> targetsCache =
            Collections.synchronizedMap(new IdentityHashMap<>());
    /** {@link #reachesEverything}'s answers: each join of a thread class asks for its run() again. */
    private final Map<MethodRef, Boolean> wholeWalks = new HashMap<>();
    /** Call sites left unresolved because they have more than {@value #MAX_VIRTUAL_TARGETS} implementations. */
    private final Set<Events.Call> tooManyTargets = Collections.synchronizedSet(
            Collections.newSetFromMap(new IdentityHashMap<>()));

    /** A resolved call from {@code caller} at {@code call}. */
    public record CallEdge(MethodSummary caller, Events.Call call) {
    }

    public synchronized void add(ClassSummary summary) {
        if (classes.putIfAbsent(summary.name(), summary) != null) {
            return;
        }
        classesByName.put(summary.name(), summary);
        for (MethodSummary method : summary.methods()) {
            methods.put(method.method(), method);
        }
        callers = null;
        libraryMethods = null;
        passedLambdas = null;
        entryPoints = null;
        launches = null;
        callerLocks = null;
        fieldStates = null;
        storedTypes = new StoredTypes(this);
        reachableCache.clear();
        targetsCache.clear();
        tooManyTargets.clear();
        wholeWalks.clear();
        hierarchy.classesChanged();
    }

    /**
     * Lets calls that leave the analysed classes be followed into library code: {@code classBytes} gives the class file
     * of a class on the class path by internal name (null if there is none); {@code supertypes} answers subtype
     * questions about library classes. Without it, calls into classes that are not analysed are not followed.
     */
    public synchronized void readLibraryClassesWith(Function<String, byte[]> classBytes, Supertypes supertypes) {
        library = new LibraryClasses(classBytes, supertypes);
        targetsCache.clear();
        tooManyTargets.clear();
        wholeWalks.clear();
        reachableCache.clear();
        callers = null;
        libraryMethods = null;
        passedLambdas = null;
    }

    public boolean contains(String className) {
        return classesByName.containsKey(className);
    }

    public Collection<ClassSummary> classes() {
        return classes.values();
    }

    public ClassSummary classNamed(String name) {
        return classesByName.get(name);
    }

    public MethodSummary method(MethodRef ref) {
        return methods.get(ref);
    }

    /** The summary of an analysed method or of a library method calls reach ({@link LibraryClasses}), or null. */
    MethodSummary summaryOf(MethodRef ref) {
        MethodSummary analysed = methods.get(ref);
        if (analysed != null || classesByName.containsKey(ref.owner())) {
            return analysed;
        }
        LibraryClass owner = library.get(ref.owner());
        return owner == null ? null : owner.method(ref.name(), ref.desc());
    }

    /** The source file an analysed or library class was compiled from, or null if unknown. */
    public String sourceFileOf(String className) {
        ClassSummary analysed = classesByName.get(className);
        if (analysed != null) {
            return analysed.sourceFile();
        }
        LibraryClass libraryClass = library.get(className);
        return libraryClass == null ? null : libraryClass.sourceFile();
    }

    /** Whether {@code method} is library code: its class is not analysed. */
    public boolean isLibrary(MethodRef method) {
        return !classesByName.containsKey(method.owner());
    }

    public boolean isSubtype(String type, String supertype) {
        return hierarchy.isSubtype(type, supertype);
    }

    /** Whether an object of {@code type} can be one of {@code other}: one type is the other or a subtype of it. */
    boolean related(String type, String other) {
        return hierarchy.isSubtype(type, other) || hierarchy.isSubtype(other, type);
    }

    /** Methods the analysis skipped, with the reason: bytecode it could not understand or too large. */
    public List<MethodSummary> skippedMethods() {
        List<MethodSummary> skipped = new ArrayList<>();
        for (ClassSummary summary : classes.values()) {
            for (MethodSummary method : summary.methods()) {
                if (method.skipReason() != null) {
                    skipped.add(method);
                }
            }
        }
        return skipped;
    }

    /**
     * The analysed methods a call can run: the declaration it names or inherits, overriders, and synchronous
     * callbacks: lambdas handed to a catalogued callback API, and lambdas handed to the method making the call when
     * it calls them on the parameter they came in ({@code action.get()} in a {@code withLock(Supplier action)}
     * helper); only those lambdas when every analysed caller passes one there ({@link StoredTypes#onlyLambdasIn}).
     * The list is unmodifiable.
     */
    public List<MethodSummary> targets(Events.Call call) {
        List<MethodSummary> known = targetsCache.get(call);
        if (known == null) {
            List<MethodSummary> callbacks = parameterCallbacks(call);
            // a parameter that only ever brings lambdas runs those, not the interface's other implementations
            List<MethodSummary> found = new ArrayList<>(callbacks.isEmpty() || !onlyLambdasOn(call) ? resolve(call)
                    : List.of());
            found.addAll(callbacks);
            known = Collections.unmodifiableList(found);
            targetsCache.put(call, known);
        }
        return known;
    }

    /**
     * The bodies of the lambdas a call on a parameter runs: those that calls of the analysed code pass in as that
     * parameter, directly or through helpers that pass their own parameter on (none when the call names a method of
     * {@code Object}: it does not run the lambda's body). Only in analysed code: a library method such as
     * {@code Map.computeIfAbsent} receives the lambdas of every caller in the program, and resolving its call to all
     * of them would make each caller run the others' lambdas; the {@link TaskApi} catalogue links those instead.
     */
    private List<MethodSummary> parameterCallbacks(Events.Call call) {
        if (!(call.receiver() instanceof ValuePath.Param param) || call.opcode() != Opcodes.INVOKEINTERFACE
                || OBJECT_METHODS.contains(call.target().name()) || isLibrary(call.site().method())) {
            return List.of();
        }
        Set<ValuePath.Lambda> passed = passedLambdas().getOrDefault(call.site().method(), Map.of())
                .getOrDefault(param.index(), Set.of());
        List<MethodSummary> bodies = new ArrayList<>();
        for (ValuePath.Lambda lambda : passed) {
            MethodSummary body = methods.get(lambda.impl());
            if (body != null && hierarchy.isSubtype(lambda.type(), call.target().owner())) {
                bodies.add(body);
            }
        }
        return bodies;
    }

    /** Whether {@code call} is on a parameter that every analysed caller fills with a lambda or method reference. */
    private boolean onlyLambdasOn(Events.Call call) {
        MethodSummary caller = methods.get(call.site().method());
        return call.receiver() instanceof ValuePath.Param param && caller != null
                && storedTypes.onlyLambdasIn(caller, param.index());
    }

    private static boolean isLambdaOf(Events.Call call, MethodRef method) {
        return call.args().stream().anyMatch(arg -> arg instanceof ValuePath.Lambda lambda && lambda.impl().equals(method));
    }

    private static final Set<String> OBJECT_METHODS = Set.of("equals", "hashCode", "toString");

    /**
     * For each method, the lambdas its callers pass in as each parameter: a lambda argument of an analysed call, then
     * every parameter a method passes on to another as it came in. Calls that hand code to another thread (an
     * executor, a new thread) pass nothing on: what they run, runs later.
     */
    private synchronized Map<MethodRef, Map<Integer, Set<ValuePath.Lambda>>> passedLambdas() {
        if (passedLambdas == null) {
            Map<MethodRef, Map<Integer, Set<ValuePath.Lambda>>> passed = new HashMap<>();
            Deque<MethodRef> todo = new ArrayDeque<>();
            for (MethodSummary caller : allMethods()) {
                for (Events.Call call : caller.calls()) {
                    for (int i = 0; i < call.args().size(); i++) {
                        if (call.args().get(i) instanceof ValuePath.Lambda lambda) {
                            passOn(call, i, Set.of(lambda), passed, todo);
                        }
                    }
                }
            }
            while (!todo.isEmpty()) {
                MethodRef next = todo.poll();
                MethodSummary summary = summaryOf(next);
                Map<Integer, Set<ValuePath.Lambda>> received = passed.get(next);
                for (Events.Call call : summary == null ? List.<Events.Call>of() : summary.calls()) {
                    for (int i = 0; i < call.args().size(); i++) {
                        if (call.args().get(i) instanceof ValuePath.Param param && received.containsKey(param.index())) {
                            passOn(call, i, received.get(param.index()), passed, todo);
                        }
                    }
                }
            }
            passedLambdas = passed;
        }
        return passedLambdas;
    }

    /** Records that {@code call} passes {@code lambdas} as its argument {@code index} to each method it runs. */
    private void passOn(Events.Call call, int index, Set<ValuePath.Lambda> lambdas,
            Map<MethodRef, Map<Integer, Set<ValuePath.Lambda>>> passed, Deque<MethodRef> todo) {
        if (TaskApi.kindOf(call.target(), hierarchy) == TaskApi.Kind.ASYNC) {
            return;
        }
        for (MethodSummary target : resolve(call)) {
            if (isLambdaOf(call, target.method())) {
                continue; // a callback API's own body is not a method the lambda is passed to
            }
            if (passed.computeIfAbsent(target.method(), k -> new HashMap<>())
                    .computeIfAbsent(index, k -> new LinkedHashSet<>()).addAll(lambdas)) {
                todo.add(target.method());
            }
        }
    }

    /**
     * What a call of {@code target} runs on an object of the analysed {@code subtype}: its own declaration, or, for a
     * class, the analysed declaration it inherits from a superclass outside {@code target}'s hierarchy (a
     * {@code PreparedStatement} class inheriting {@code close()} from its {@code Statement} superclass); null if
     * neither.
     */
    private MethodSummary implementationIn(String subtype, MethodRef target) {
        MethodSummary own = methods.get(new MethodRef(subtype, target.name(), target.desc()));
        ClassSummary summary = classesByName.get(subtype);
        if (own != null || summary == null || (summary.access() & Opcodes.ACC_INTERFACE) != 0) {
            return own;
        }
        MethodSummary inherited = lookUp(subtype, target.name(), target.desc());
        return inherited != null && !isLibrary(inherited.method()) ? inherited : null;
    }

    private List<MethodSummary> resolve(Events.Call call) {
        List<MethodSummary> targets = new ArrayList<>();
        MethodRef target = call.target();
        MethodSummary declared = lookUp(target.owner(), target.name(), target.desc());
        Set<String> stored = isDispatched(call, declared) ? storedTypes.classesOf(call.receiver()) : Set.of();
        if (!stored.isEmpty()) {
            targets.addAll(implementationsIn(stored, call));
        } else {
            if (declared != null) {
                targets.add(declared);
            }
            if (isDispatched(call, declared)) {
                for (String subtype : hierarchy.analysedSubtypesOf(target.owner())) {
                    MethodSummary override = implementationIn(subtype, target);
                    if (override == null || override == declared || targets.contains(override)) {
                        continue;
                    }
                    if (targets.size() == MAX_VIRTUAL_TARGETS) {
                        tooManyTargets.add(call);
                        return List.of();
                    }
                    targets.add(override);
                }
            }
        }
        if (TaskApi.kindOf(target, hierarchy) == TaskApi.Kind.SYNC) {
            for (ValuePath arg : call.args()) {
                MethodSummary body = arg instanceof ValuePath.Lambda lambda ? summaryOf(lambda.impl()) : null;
                if (body != null) {
                    targets.add(body);
                }
            }
        }
        return targets;
    }

    /**
     * The methods {@code path.get(index)} can run, given the calls before it: {@link #targets}, narrowed for a callback
     * that library code makes on an object it keeps (each {@code Observer} that {@code Observable.notifyObservers}
     * calls) to the classes the program registers with objects of the class the path entered that library code on
     * ({@link StoredTypes#registeredWith}): the pages a container handle notifies are the pages that observe handles,
     * not every analysed {@code Observer}.
     */
    public List<MethodSummary> targetsAlong(List<Events.Call> path, int index) {
        Events.Call call = path.get(index);
        List<MethodSummary> all = targets(call);
        String entered = all.size() < 2 ? null : enteredOn(path, index);
        Set<String> registered = entered == null ? Set.of() : storedTypes.registeredWith(entered, call.target().owner());
        if (registered.isEmpty()) {
            return all;
        }
        Collection<MethodSummary> kept = implementationsIn(registered, call);
        List<MethodSummary> narrowed = new ArrayList<>();
        for (MethodSummary target : all) {
            if (kept.contains(target) || isLibrary(target.method())
                    || !hierarchy.isSubtype(target.method().owner(), call.target().owner())) {
                narrowed.add(target);
            }
        }
        return narrowed;
    }

    /** Whether each call of {@code path} can run the method the path goes on in, {@code end} after the last. */
    public boolean runsAlong(List<Events.Call> path, MethodRef end) {
        for (int i = 0; i < path.size(); i++) {
            MethodRef callee = i + 1 < path.size() ? path.get(i + 1).site().method() : end;
            if (enteredOn(path, i) != null
                    && targetsAlong(path, i).stream().noneMatch(target -> target.method().equals(callee))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The class of the program's object on which {@code path} entered the library code making {@code path.get(index)},
     * when that call is on an object the library keeps (neither its {@code this} nor from a parameter) and every
     * library call on the way there runs on the object entered on; otherwise null.
     */
    private String enteredOn(List<Events.Call> path, int index) {
        Events.Call call = path.get(index);
        if (!isLibrary(call.site().method()) || call.receiver() instanceof ValuePath.This
                || ValuePath.rootOf(call.receiver()) instanceof ValuePath.Param) {
            return null;
        }
        int i = index - 1;
        for (; i >= 0 && isLibrary(path.get(i).site().method()); i--) {
            if (!(path.get(i).receiver() instanceof ValuePath.This)) {
                return null;
            }
        }
        ValuePath receiver = i >= 0 ? path.get(i).receiver() : null;
        return receiver == null ? null : receiver.type();
    }

    /**
     * How many calls of {@code chain} count toward {@link #CONFIDENT_CALLS}: those the program makes. The steps inside
     * summarised library code ({@code Observable.notifyObservers()} → {@code notifyObservers(Object)} →
     * {@code Observer.update}) are what the library does between two of the program's calls, not a guess about it.
     */
    public int programCalls(List<Events.Call> chain) {
        int calls = 0;
        for (Events.Call call : chain) {
            if (!isLibrary(call.site().method())) {
                calls++;
            }
        }
        return calls;
    }

    /** The analysed proper subtypes of {@code type}. */
    List<String> analysedSubtypesOf(String type) {
        return hierarchy.analysedSubtypesOf(type);
    }

    /**
     * The methods a call on a field runs when the analysed code stores only objects of {@code classes} there (see
     * {@link StoredTypes}); none for classes the analysis does not have.
     */
    private Collection<MethodSummary> implementationsIn(Set<String> classes, Events.Call call) {
        Set<MethodSummary> found = new LinkedHashSet<>();
        for (String type : classes) {
            MethodSummary implementation = lookUp(type, call.target().name(), call.target().desc());
            if (implementation != null && hierarchy.isSubtype(type, call.target().owner())) {
                found.add(implementation);
            }
        }
        return found;
    }

    /** All proper supertypes of {@code type} the analysis knows, transitively. */
    Set<String> supertypesOf(String type) {
        return hierarchy.supertypesOf(type);
    }

    private boolean isDispatched(Events.Call call, MethodSummary declared) {
        int opcode = call.opcode();
        if (opcode != Opcodes.INVOKEVIRTUAL && opcode != Opcodes.INVOKEINTERFACE) {
            return false;
        }
        if (declared != null && (declared.access() & (Opcodes.ACC_PRIVATE | Opcodes.ACC_FINAL)) != 0) {
            return false;
        }
        ClassSummary owner = classesByName.get(call.target().owner());
        return owner == null || (owner.access() & Opcodes.ACC_FINAL) == 0;
    }

    /**
     * The method {@code owner.name desc} resolves to, walking up superclasses: among analysed classes, then among the
     * library classes they extend; null if it is in neither, or is a library method that cannot matter to locking.
     */
    MethodSummary lookUp(String owner, String name, String desc) {
        for (String type = owner; type != null; ) {
            MethodSummary found = methods.get(new MethodRef(type, name, desc));
            if (found != null) {
                return found;
            }
            ClassSummary summary = classesByName.get(type);
            if (summary != null) {
                type = summary.superName();
                continue;
            }
            LibraryClass libraryClass = library.get(type);
            if (libraryClass == null || libraryClass.declares(name, desc)) {
                return libraryClass == null ? null : libraryClass.method(name, desc);
            }
            type = libraryClass.superName();
        }
        return null;
    }

    /**
     * The analysed class declaring the one method that {@code name()}, returning {@code returnType}, runs on every
     * object of {@code owner}: the declaration it inherits, when no analysed subclass overrides it; else null.
     */
    public String soleDeclarer(String owner, String name, String returnType) {
        String desc = "()" + Type.getObjectType(returnType).getDescriptor();
        MethodSummary declared = lookUp(owner, name, desc);
        if (declared == null || isLibrary(declared.method())) {
            return null;
        }
        for (String subtype : hierarchy.analysedSubtypesOf(owner)) {
            MethodSummary override = methods.get(new MethodRef(subtype, name, desc));
            if (override != null && override != declared) {
                return null;
            }
        }
        return declared.method().owner();
    }

    /** Every resolved call into {@code method} from analysed code. */
    public synchronized List<CallEdge> callersOf(MethodRef method) {
        if (callers == null) {
            callers = new HashMap<>();
            List<MethodSummary> all = allMethods();
            all.addAll(libraryMethods());
            for (MethodSummary caller : all) {
                for (Events.Call call : caller.calls()) {
                    for (MethodSummary target : targets(call)) {
                        callers.computeIfAbsent(target.method(), k -> new ArrayList<>())
                                .add(new CallEdge(caller, call));
                    }
                }
            }
        }
        return callers.getOrDefault(method, List.of());
    }

    /**
     * The library methods that calls of the analysed code reach, through at most {@value #MAX_LIBRARY_DEPTH} library
     * methods in a row, in a deterministic order: the summarised part of the library, whose calls count as callers.
     */
    public synchronized List<MethodSummary> libraryMethods() {
        if (libraryMethods == null) {
            Map<MethodRef, Integer> depths = new LinkedHashMap<>();
            Deque<MethodSummary> todo = new ArrayDeque<>(allMethods());
            while (!todo.isEmpty()) {
                MethodSummary caller = todo.poll();
                int depth = depths.getOrDefault(caller.method(), 0);
                for (Events.Call call : caller.calls()) {
                    for (MethodSummary target : targets(call)) {
                        if (isLibrary(target.method()) && depth < MAX_LIBRARY_DEPTH
                                && !depths.containsKey(target.method())) {
                            depths.put(target.method(), depth + 1);
                            todo.add(target);
                        }
                    }
                }
            }
            List<MethodSummary> reached = new ArrayList<>();
            for (MethodRef method : depths.keySet()) {
                reached.add(summaryOf(method));
            }
            libraryMethods = reached;
        }
        return libraryMethods;
    }

    /**
     * Whether a walk that reached the method {@code at} through {@code chain} may follow a call of it into
     * {@code target}: always into analysed code, into library code only {@value #MAX_LIBRARY_DEPTH} methods deep.
     */
    private boolean follows(MethodRef at, List<Events.Call> chain, MethodSummary target) {
        if (!isLibrary(target.method())) {
            return true;
        }
        int depth = isLibrary(at) ? 1 : 0;
        for (int i = chain.size() - 1; i >= 0 && depth > 0 && isLibrary(chain.get(i).site().method()); i--) {
            depth++;
        }
        return depth < MAX_LIBRARY_DEPTH;
    }

    /**
     * Methods that start a thread of their own: {@code run()} of analysed {@code Runnable}s and {@code Thread}
     * subclasses, {@code call()} of {@code Callable}s, and lambdas or method references handed to a thread, executor,
     * {@code CompletableFuture} or parallel stream. The value is the evidence: where the task is launched, or the
     * method itself.
     */
    public synchronized Map<MethodRef, Site> threadEntryPoints() {
        if (entryPoints == null) {
            Map<MethodRef, Site> found = new TreeMap<>();
            for (ClassSummary summary : classes.values()) {
                for (MethodSummary method : summary.methods()) {
                    if (isTaskMethod(summary.name(), method.method())) {
                        found.putIfAbsent(method.method(), new Site(method.method(), 0, method.firstLine()));
                    }
                    for (Events.Call call : method.calls()) {
                        if (TaskApi.kindOf(call.target(), hierarchy) == TaskApi.Kind.ASYNC) {
                            for (MethodRef task : tasksIn(call)) {
                                found.putIfAbsent(task, call.site());
                            }
                        } else if (TaskLaunches.isParallelStreamCall(method, call, hierarchy)) {
                            for (ValuePath.Lambda lambda : TaskLaunches.lambdasIn(call, this)) {
                                found.putIfAbsent(lambda.impl(), call.site());
                            }
                        }
                    }
                }
            }
            entryPoints = found;
        }
        return entryPoints;
    }

    /**
     * Every launch of each thread entry point's body: the calls that hand it to a thread, executor or parallel stream,
     * and the allocations of task objects whose {@code run()}/{@code call()} it is, each saying whether it may start
     * several copies at once. An entry point whose task objects are made outside the analysed code has none.
     */
    public synchronized Map<MethodRef, List<TaskLaunch>> taskLaunches() {
        if (launches == null) {
            launches = TaskLaunches.of(this, hierarchy);
        }
        return launches;
    }

    /** The locks the analysed callers of a method hold, asked with the callee passed in ({@link CallerLocks}). */
    public synchronized CallerLocks callerLocks() {
        if (callerLocks == null) {
            callerLocks = new CallerLocks(this);
        }
        return callerLocks;
    }

    /** The locked regions of the program, by lock ({@link LockRegions}). */
    public synchronized LockRegions lockRegions() {
        if (lockRegions == null) {
            lockRegions = new LockRegions(this);
        }
        return lockRegions;
    }

    /** What the program does to its fields: their writes, and which hold one-time state ({@link FieldStates}). */
    public synchronized FieldStates fieldStates() {
        if (fieldStates == null) {
            fieldStates = new FieldStates(this);
        }
        return fieldStates;
    }

    boolean isTaskMethod(String owner, MethodRef method) {
        return method.name().equals("run") && method.desc().equals("()V")
                && (hierarchy.isSubtype(owner, "java/lang/Runnable") || hierarchy.isSubtype(owner, "java/lang/Thread"))
                || method.name().equals("call") && method.desc().equals("()Ljava/lang/Object;")
                        && hierarchy.isSubtype(owner, "java/util/concurrent/Callable");
    }

    /** The bodies of the lambdas and analysed task objects passed to a call. */
    private List<MethodRef> tasksIn(Events.Call call) {
        List<MethodRef> tasks = new ArrayList<>();
        for (ValuePath arg : call.args()) {
            if (arg instanceof ValuePath.Lambda lambda && methods.containsKey(lambda.impl())) {
                tasks.add(lambda.impl());
            } else if (arg != null && classesByName.containsKey(arg.type())) {
                for (MethodSummary method : classesByName.get(arg.type()).methods()) {
                    if (isTaskMethod(arg.type(), method.method())) {
                        tasks.add(method.method());
                    }
                }
            }
        }
        return tasks;
    }

    /**
     * Methods reachable from a thread entry point through calls, each with the entry point's evidence and the call
     * chain from it.
     */
    public Map<MethodRef, Reach<Site>> reachableFromThreadEntryPoints() {
        Map<MethodRef, Reach<Site>> reached = new LinkedHashMap<>();
        Deque<MethodRef> todo = new ArrayDeque<>();
        for (Map.Entry<MethodRef, Site> entry : threadEntryPoints().entrySet()) {
            if (reached.putIfAbsent(entry.getKey(), new Reach<>(entry.getValue(), List.of())) == null) {
                todo.add(entry.getKey());
            }
        }
        while (!todo.isEmpty()) {
            MethodRef next = todo.poll();
            MethodSummary summary = summaryOf(next);
            Reach<Site> from = reached.get(next);
            if (summary == null || from.depth() >= MAX_CALL_DEPTH) {
                continue;
            }
            for (Events.Call call : summary.calls()) {
                for (MethodSummary target : targets(call)) {
                    if (!reached.containsKey(target.method()) && follows(next, from.chain(), target)) {
                        reached.put(target.method(), new Reach<>(from.event(), append(from.chain(), call)));
                        todo.add(target.method());
                    }
                }
            }
        }
        return reached;
    }

    /**
     * Events of {@code method} and of every analysed method it calls (breadth first, shortest chain first, at most
     * {@value #MAX_CALL_DEPTH} calls deep), as selected by {@code events}. {@code kind} names the selection for caching.
     */
    @SuppressWarnings("unchecked")
    public synchronized <E> List<Reach<E>> reachable(MethodRef method, String kind,
            Function<MethodSummary, List<E>> events) {
        Map<MethodRef, List<Reach<?>>> ofKind = reachableCache.computeIfAbsent(kind, k -> new HashMap<>());
        List<Reach<?>> cached = ofKind.get(method);
        if (cached != null) {
            return (List<Reach<E>>) (List<?>) cached;
        }
        List<Reach<E>> found = new ArrayList<>();
        walk(method, (summary, chain) -> {
            for (E event : events.apply(summary)) {
                found.add(new Reach<>(event, chain));
            }
            return found.size() < MAX_REACHED;
        });
        List<Reach<?>> result = List.copyOf(found);
        ofKind.put(method, result);
        return (List<Reach<E>>) (List<?>) result;
    }

    /**
     * Whether {@link #reachable} from {@code method} sees every analysed method that it can run: no call on the way is
     * left unresolved for having more than {@value #MAX_VIRTUAL_TARGETS} implementations, and no chain that goes on is
     * cut at {@value #MAX_CALL_DEPTH} calls. Only then does "no such event is reached" mean "none happens".
     */
    public synchronized boolean reachesEverything(MethodRef method) {
        return wholeWalks.computeIfAbsent(method, start -> walk(start, (summary, chain) -> true));
    }

    /**
     * Hands {@code visit} each method {@code method} runs, with the calls that lead there: breadth first, shortest
     * chain first, at most {@value #MAX_CALL_DEPTH} calls deep, until {@code visit} says to stop. Whether the walk saw
     * everything: it was not stopped, and neither a call with too many implementations nor the depth bound cut it.
     */
    private boolean walk(MethodRef method, BiPredicate<MethodSummary, List<Events.Call>> visit) {
        Map<MethodRef, List<Events.Call>> chains = new HashMap<>(Map.of(method, List.of()));
        Deque<MethodRef> todo = new ArrayDeque<>(List.of(method));
        boolean whole = true;
        while (!todo.isEmpty()) {
            MethodRef next = todo.poll();
            MethodSummary summary = summaryOf(next);
            if (summary == null) {
                continue;
            }
            List<Events.Call> chain = chains.get(next);
            if (!visit.test(summary, chain)) {
                return false;
            }
            if (chain.size() >= MAX_CALL_DEPTH) {
                whole &= summary.calls().isEmpty();
                continue;
            }
            for (Events.Call call : summary.calls()) {
                for (MethodSummary target : targets(call)) {
                    if (!chains.containsKey(target.method()) && follows(next, chain, target)) {
                        chains.put(target.method(), append(chain, call));
                        todo.add(target.method());
                    }
                }
                whole &= !tooManyTargets.contains(call);
            }
        }
        return whole;
    }

    private static List<Events.Call> append(List<Events.Call> chain, Events.Call call) {
        List<Events.Call> longer = new ArrayList<>(chain.size() + 1);
        longer.addAll(chain);
        longer.add(call);
        return List.copyOf(longer);
    }

    /**
     * Rewrites a lock seen at the end of {@code chain} into the terms of the method where the chain starts: the
     * callee's {@code this} becomes the receiver of the call, its parameters the arguments, and so on up the chain.
     */
    public static LockId inCallerTerms(LockId lock, List<Events.Call> chain) {
        ValuePath rebased = inCallerTerms(lock.path(), chain);
        return rebased.equals(lock.path()) ? lock : new LockId(lock.kind(), rebased);
    }

    /**
     * The locks that the calls of {@code chain} are made under (held on every path at some call of the chain), in the
     * terms of the method where the chain starts: what the method at the end of the chain always runs under.
     */
    public static List<LockId> heldAlong(List<Events.Call> chain) {
        List<LockId> held = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            for (Hold hold : chain.get(i).held().held()) {
                held.add(inCallerTerms(hold.lock(), chain.subList(0, i)));
            }
        }
        return held;
    }

    /** {@link #inCallerTerms(LockId, List)} for any path, e.g. the object whose field a callee accesses. */
    public static ValuePath inCallerTerms(ValuePath path, List<Events.Call> chain) {
        ValuePath rebased = path;
        for (int i = chain.size() - 1; i >= 0; i--) {
            Events.Call call = chain.get(i);
            rebased = rebased.rebase(root -> calleeRootInCaller(root, call));
        }
        return rebased;
    }

    private static ValuePath calleeRootInCaller(ValuePath root, Events.Call call) {
        if (root instanceof ValuePath.This self) {
            return call.receiver() != null ? call.receiver() : new ValuePath.Unknown(self.type());
        }
        if (root instanceof ValuePath.Param param) {
            ValuePath arg = param.index() < call.args().size() ? call.args().get(param.index()) : null;
            return arg != null ? arg : new ValuePath.Unknown(param.type());
        }
        return root;
    }

    /**
     * Whether {@code call} runs {@code callee} as named: the method of the type the call names (or one it inherits),
     * or a lambda handed to the call as a callback. Otherwise the call graph picked {@code callee} among overriders.
     */
    public boolean resolvesExactly(Events.Call call, MethodRef callee) {
        if (isSubtype(call.target().owner(), callee.owner())) {
            return true;
        }
        for (ValuePath arg : call.args()) {
            if (arg instanceof ValuePath.Lambda lambda && lambda.impl().equals(callee)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A call of a chain that the class hierarchy resolved to one of several {@code implementations} (abstract
     * declarations not counted), and {@code callee}, the one the chain goes on in.
     */
    public record Assumption(Events.Call call, MethodRef callee, List<MethodSummary> implementations) {
        /** "assumed EmbeddedChannel.bind(...) for Channel.bind(...)". */
        public String assumed() {
            return "assumed " + callee + " for " + call.target();
        }
    }

    /**
     * The calls of {@code chain} (ending in {@code end}) that run the method the chain goes on in only by a choice
     * among two or more implementations, in chain order; none when every call runs the method it names or inherits,
     * a lambda it is handed, or its only implementation.
     */
    public List<Assumption> assumptionsAlong(List<Events.Call> chain, MethodRef end) {
        List<Assumption> assumptions = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            Events.Call call = chain.get(i);
            MethodRef callee = calleeAt(chain, i, end);
            List<MethodSummary> implementations = targets(call).stream()
                    .filter(target -> (target.access() & Opcodes.ACC_ABSTRACT) == 0).toList();
            if (implementations.size() >= 2 && !resolvesExactly(call, callee)) {
                assumptions.add(new Assumption(call, callee, implementations));
            }
        }
        return assumptions;
    }

    /** The method call {@code index} of {@code chain} runs: where the next call is made, or {@code end} after the last. */
    private static MethodRef calleeAt(List<Events.Call> chain, int index, MethodRef end) {
        return index + 1 < chain.size() ? chain.get(index + 1).site().method() : end;
    }

    /**
     * Whether some call of {@code chain} (ending in {@code end}) reaches its callee only by speculation: it names a
     * library type ({@code Runnable.run()}, {@code Callable.call()}) that the call graph resolved to an implementation
     * the program happens to contain; most such calls run lambdas or library classes instead.
     */
    public boolean speculative(List<Events.Call> chain, MethodRef end) {
        for (int i = 0; i < chain.size(); i++) {
            Events.Call call = chain.get(i);
            if (!contains(call.target().owner()) && !resolvesExactly(call, calleeAt(chain, i, end))) {
                return true;
            }
        }
        return false;
    }

    /** Methods with a summary, in a deterministic order. */
    public List<MethodSummary> allMethods() {
        List<MethodSummary> all = new ArrayList<>();
        for (ClassSummary summary : classes.values()) {
            all.addAll(summary.methods());
        }
        return all;
    }
}
