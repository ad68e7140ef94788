package io.github.lockspot.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The catalogue of calls that can block a thread indefinitely or for long (sleeping, joining, waiting for a queue, a
 * future, a synchronizer, a process or I/O), read from data: the resource {@value #RESOURCE} plus, if the system
 * property {@value #EXTRA_CATALOG_PROPERTY} names files (separated by the path separator), the entries in those.
 * A call matches an entry when its owner is the entry's type or a subtype of it ({@link ProgramModel#isSubtype}).
 *
 * <p>Blocking that the lock model already sees is not listed here: {@code Object.wait()} and {@code Condition.await()}
 * on a condition of a known lock are {@link Events.MonitorUse}s, {@code Semaphore.acquire()} is a blocking
 * {@link Events.Acquisition} of permits. {@link #in} reports those too, so that a method's blocking is in one list.
 */
public final class BlockingCalls {

    /** The built-in catalogue, a class-path resource. */
    public static final String RESOURCE = "/io/github/lockspot/analysis/blocking-calls.txt";
    /** System property naming extra catalogue files, in the resource's format. */
    public static final String EXTRA_CATALOG_PROPERTY = "lockspot.blockingCalls";

    /** What a blocking call waits for. */
    public enum Category {
        SLEEP, JOIN, PARK, QUEUE, FUTURE, SYNCHRONIZER, EXECUTOR, PROCESS,
        /** Waits on a condition while releasing the one lock it belongs to, which the analysis cannot name. */
        WAIT,
        /** Network, file, database or process I/O. */
        IO,
        /**
         * I/O on a selectable channel: blocking only in blocking mode, so not counted on channels the program makes
         * non-blocking (see {@code isNonBlockingChannel}).
         */
        CHANNEL_IO,
        /** Overrides: calls on this type never block (in-memory streams), whatever a supertype's entry says. */
        NOT_BLOCKING;

        /** The name used in catalogue files: lower case with dashes, e.g. {@code channel-io}. */
        public String fileName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /** Whether this is I/O, reported apart from waits on other threads. */
        public boolean io() {
            return this == IO || this == CHANNEL_IO;
        }

        static Category fromFileName(String name) {
            for (Category category : values()) {
                if (category.fileName().equals(name)) {
                    return category;
                }
            }
            return null;
        }
    }

    /**
     * One catalogue line: calls named {@code name} (or starting with it, if {@code prefix}) with descriptor
     * {@code desc} (null for any) on {@code owner} or a subtype block in the way {@code category} says. On the
     * program's own implementations of {@code owner} (a JDBC driver's statements, an in-memory stream) only methods
     * that {@code owner} itself has count: what their other methods do is analysed like any code, so a driver's
     * internal {@code executeX()} is not taken for {@code Statement.execute} and reported at every caller.
     */
    public record Entry(String owner, String name, boolean prefix, String desc, Category category) {
        boolean matches(String type, String method, String descriptor, ProgramModel model) {
            return (prefix ? method.startsWith(name) : method.equals(name))
                    && (desc == null || desc.equals(descriptor))
                    && type != null && model.isSubtype(type, owner)
                    && (type.equals(owner) || !model.contains(type) || JdkMethods.has(owner, method, descriptor));
        }
    }

    /**
     * Something in one method that can block: a catalogued call, a blocking acquisition of semaphore permits or a
     * wait. {@code api} names what blocks ({@code BlockingQueue.put(Object)}), {@code releases} is the lock a wait
     * gives up while it waits (null for other blocking, and for a {@link Category#WAIT} on a condition whose lock
     * this method cannot name, e.g. a parameter), {@code held} the locks held there, {@code call} the call event for
     * a catalogued call (else null).
     */
    public record Blocking(Site site, String api, Category category, LockId releases, HeldLocks held,
            Events.Call call) {
        /** Whether this blocking releases a lock while it waits: {@code wait()} or {@code Condition.await()}. */
        public boolean isWait() {
            return category == Category.WAIT;
        }
    }

    private static final String SELECTABLE_CHANNEL = "java/nio/channels/SelectableChannel";
    private static final String SELECTION_KEY = "java/nio/channels/SelectionKey";
    /** Stands for every channel in {@link #nonBlockingChannels}: the program registers channels with a selector. */
    private static final String ANY_CHANNEL = "*";

    private final List<Entry> entries;

    /** For {@link Category#CHANNEL_IO}: the model they were computed on and the channels it makes non-blocking. */
    private ProgramModel channelsOf;
    private Set<String> nonBlockingChannels;

    private BlockingCalls(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The built-in catalogue plus the files named by {@value #EXTRA_CATALOG_PROPERTY}. */
    public static BlockingCalls load() {
        List<Entry> entries = new ArrayList<>(builtIn().entries);
        String extra = System.getProperty(EXTRA_CATALOG_PROPERTY);
        if (extra != null && !extra.isBlank()) {
            for (String file : extra.split(java.io.File.pathSeparator)) {
                if (!file.isBlank()) {
                    entries.addAll(read(Path.of(file.trim())).entries);
                }
            }
        }
        return new BlockingCalls(entries);
    }

    /** The built-in catalogue alone. */
    public static BlockingCalls builtIn() {
        try (InputStream in = BlockingCalls.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList(), RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The catalogue in {@code file}; throws {@link IllegalArgumentException} naming the file if it cannot be read. */
    public static BlockingCalls read(Path file) {
        try {
            return parse(Files.readAllLines(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read blocking-call catalogue " + file + ": " + e, e);
        }
    }

    /**
     * Parses catalogue lines: {@code owner method descriptor category}, blank lines and {@code #} comments ignored.
     * The owner is a binary or internal class name ({@code java.util.concurrent.BlockingQueue}); the method may end in
     * {@code *} to match a prefix; the descriptor is a JVM method descriptor or {@code *}. Throws
     * {@link IllegalArgumentException} naming {@code source} and the line for a malformed line.
     */
    public static BlockingCalls parse(List<String> lines, String source) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\\s+");
            Category category = fields.length == 4 ? Category.fromFileName(fields[3]) : null;
            if (category == null || fields[1].equals("*") && category != Category.NOT_BLOCKING) {
                throw new IllegalArgumentException(source + ":" + (i + 1) + ": expected 'owner method descriptor"
                        + " category' with a category among " + categoryNames() + ", got: " + line);
            }
            String method = fields[1];
            boolean prefix = method.endsWith("*");
            entries.add(new Entry(fields[0].replace('.', '/'), prefix ? method.substring(0, method.length() - 1)
                    : method, prefix, fields[2].equals("*") ? null : fields[2], category));
        }
        return new BlockingCalls(entries);
    }

    private static List<String> categoryNames() {
        List<String> names = new ArrayList<>();
        for (Category category : Category.values()) {
            names.add(category.fileName());
        }
        return names;
    }

    /**
     * How {@code call} blocks, or null if it does not: the first blocking entry its owner matches, unless a
     * {@link Category#NOT_BLOCKING} entry matches the call or the receiver's known type, or it is channel I/O on a
     * channel in non-blocking mode.
     */
    public Category categoryOf(Events.Call call, ProgramModel model) {
        return categoryOf(call, model, Map.of());
    }

    /** As {@link #categoryOf(Events.Call, ProgramModel)}; {@code wrapping} maps objects made here to their makings. */
    private synchronized Category categoryOf(Events.Call call, ProgramModel model,
            Map<ValuePath, List<ValuePath>> wrapping) {
        MethodRef target = call.target();
        Category found = null;
        for (Entry entry : entries) {
            if (entry.category == Category.NOT_BLOCKING) {
                if (entry.matches(target.owner(), target.name(), target.desc(), model)) {
                    return null;
                }
            } else if (found == null && entry.matches(target.owner(), target.name(), target.desc(), model)) {
                found = entry.category;
            }
        }
        if (found != null && isInMemory(call.receiver(), wrapping, model, 0)) {
            return null;
        }
        if (found == Category.CHANNEL_IO && isNonBlockingChannel(call.receiver(), model)) {
            return null;
        }
        return found;
    }

    /**
     * Whether {@code value} never blocks: its type is {@link Category#NOT_BLOCKING} for every method (an in-memory
     * stream), or it was made in this method around such a value ({@code new LineNumberReader(new StringReader(s))}).
     */
    private boolean isInMemory(ValuePath value, Map<ValuePath, List<ValuePath>> wrapping, ProgramModel model,
            int depth) {
        if (value == null || depth > ValuePath.MAX_DEPTH) {
            return false;
        }
        for (Entry entry : entries) {
            if (entry.category == Category.NOT_BLOCKING && entry.prefix && entry.name.isEmpty()
                    && model.isSubtype(value.type(), entry.owner)) {
                return true;
            }
        }
        for (ValuePath wrapped : wrapping.getOrDefault(value, List.of())) {
            if (isInMemory(wrapped, wrapping, model, depth + 1)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Everything in {@code method} that can block: catalogued calls, blocking acquisitions of semaphore permits, and
     * waits ({@code wait()}, {@code Condition.await()}), each with the locks held there.
     */
    public List<Blocking> in(MethodSummary method, ProgramModel model) {
        Map<ValuePath, List<ValuePath>> wrapping = new HashMap<>();
        for (Events.Call call : method.calls()) {
            if (call.target().name().equals("<init>") && call.receiver() instanceof ValuePath.NewObject made) {
                wrapping.put(made, call.args());
            }
        }
        List<Blocking> found = new ArrayList<>();
        for (Events.Call call : method.calls()) {
            Category category = categoryOf(call, model, wrapping);
            if (category != null) {
                found.add(new Blocking(call.site(), apiName(call.target()), category, null, call.held(), call));
            }
        }
        for (Events.Acquisition acquisition : method.acquisitions()) {
            if (acquisition.blocking() && acquisition.lock().kind() == LockKind.SEMAPHORE) {
                found.add(new Blocking(acquisition.site(), "Semaphore.acquire()", Category.SYNCHRONIZER, null,
                        acquisition.before(), null));
            }
        }
        for (Events.MonitorUse use : method.monitorUses()) {
            if (use.op() == LockApi.Op.WAIT) {
                String api = use.lock().kind() == LockKind.MONITOR ? "Object.wait()" : "Condition.await()";
                found.add(new Blocking(use.site(), api, Category.WAIT, use.lock(), use.held(), null));
            }
        }
        return found;
    }

    /** {@code BlockingQueue.put(Object)}: the API as the catalogue names it, owner by simple name. */
    private static String apiName(MethodRef target) {
        String method = target.toString();
        return target.name().equals("<init>") ? "new " + method.replace(".<init>", "") : method;
    }

    /**
     * A selectable channel is in non-blocking mode when it comes from {@code SelectionKey.channel()}, or when the
     * program registers channels with a selector (only non-blocking channels can be registered: such a program does
     * its channel I/O in non-blocking mode), or when the program calls {@code configureBlocking} on a value with the
     * same abstract key (the same field, or a parameter of the same type), or on a value the same method stores in
     * that field.
     */
    private boolean isNonBlockingChannel(ValuePath channel, ProgramModel model) {
        if (channel == null) {
            return false;
        }
        if (channel instanceof ValuePath.CallResult result && result.name().equals("channel")
                && model.isSubtype(result.owner(), SELECTION_KEY)) {
            return true;
        }
        Set<String> nonBlocking = nonBlockingChannels(model);
        return nonBlocking.contains(ANY_CHANNEL) || nonBlocking.contains(channel.abstractKey());
    }

    /** The abstract keys of channels the program makes non-blocking; {@link #ANY_CHANNEL} if it uses a selector. */
    private Set<String> nonBlockingChannels(ProgramModel model) {
        if (channelsOf != model) {
            Set<String> keys = new HashSet<>();
            for (MethodSummary method : model.allMethods()) {
                Set<ValuePath> configured = new HashSet<>();
                for (Events.Call call : method.calls()) {
                    boolean onChannel = call.receiver() != null
                            && model.isSubtype(call.target().owner(), SELECTABLE_CHANNEL);
                    if (onChannel && call.target().name().equals("register")) {
                        keys.add(ANY_CHANNEL);
                    } else if (onChannel && call.target().name().equals("configureBlocking")) {
                        configured.add(call.receiver());
                        keys.add(call.receiver().abstractKey());
                    }
                }
                for (Events.FieldAccess access : method.fieldAccesses()) {
                    if (access.write() && access.written() != null && configured.contains(access.written())) {
                        keys.add(access.isStatic()
                                ? new ValuePath.StaticField(access.owner(), access.name(), access.written().type())
                                        .abstractKey()
                                : Paths.field(access.base(), access.owner(), access.name(), access.written().type())
                                        .abstractKey());
                    }
                }
            }
            nonBlockingChannels = keys;
            channelsOf = model;
        }
        return nonBlockingChannels;
    }
}
