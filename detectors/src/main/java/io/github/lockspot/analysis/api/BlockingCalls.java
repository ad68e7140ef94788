package io.github.lockspot.analysis.api;

import io.github.lockspot.analysis.value.MethodRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * The catalogue of calls that can block a thread indefinitely or for long (sleeping, joining, waiting for a queue, a
 * future, a synchronizer, a process or I/O), read from data: the resource {@value #RESOURCE} plus, if the system
 * property {@value #EXTRA_CATALOG_PROPERTY} names files (separated by the path separator), the entries in those.
 * A call matches an entry when its owner is the entry's type or a subtype of it.
 *
 * <p>Blocking that the lock model already sees is not listed here: {@code Object.wait()} and {@code Condition.await()}
 * on a condition of a known lock, and blocking acquisitions of {@code Semaphore} permits, are lock events of the
 * per-method analysis; the program layer's {@code BlockingSites} puts them in one list with the catalogued calls.
 */
public final class BlockingCalls {

    /** The built-in catalogue, a class-path resource. */
    public static final String RESOURCE = "/io/github/lockspot/analysis/api/blocking-calls.txt";
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
        boolean matches(MethodRef call, Supertypes types, Predicate<String> programTypes) {
            String type = call.owner();
            return (prefix ? call.name().startsWith(name) : call.name().equals(name))
                    && (desc == null || desc.equals(call.desc()))
                    && type != null && types.isSubtype(type, owner)
                    && (type.equals(owner) || !programTypes.test(type) || JdkTypes.has(owner, call.name(), call.desc()));
        }
    }

    private final List<Entry> entries;

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
     * How a call of {@code target} blocks by this catalogue, or null if it does not: the first blocking entry its
     * owner matches, unless a {@link Category#NOT_BLOCKING} entry matches it. {@code programTypes} are the analysed
     * program's own types (see {@link Entry}).
     */
    public Category categoryOf(MethodRef target, Supertypes types, Predicate<String> programTypes) {
        Category found = null;
        for (Entry entry : entries) {
            if (entry.category == Category.NOT_BLOCKING) {
                if (entry.matches(target, types, programTypes)) {
                    return null;
                }
            } else if (found == null && entry.matches(target, types, programTypes)) {
                found = entry.category;
            }
        }
        return found;
    }

    /** Whether every method of {@code type} is {@link Category#NOT_BLOCKING} (an in-memory stream). */
    public boolean neverBlocks(String type, Supertypes types) {
        for (Entry entry : entries) {
            if (entry.category == Category.NOT_BLOCKING && entry.prefix && entry.name.isEmpty()
                    && types.isSubtype(type, entry.owner)) {
                return true;
            }
        }
        return false;
    }
}
