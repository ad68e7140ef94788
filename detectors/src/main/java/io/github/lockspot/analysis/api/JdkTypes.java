package io.github.lockspot.analysis.api;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.objectweb.asm.Type;

/**
 * What the running JDK says about its own types, read by reflection without initialising them: their public methods
 * by name and descriptor (for catalogue entries that name a JDK type by a method prefix; a type the JDK does not have
 * answers yes) and their supertypes (so that a user's {@code class Jobs extends ArrayBlockingQueue} is a
 * {@code BlockingQueue}; types outside {@code java.*} and {@code javax.*} have none).
 */
public final class JdkTypes {

    private static final Map<String, Set<String>> METHODS = new ConcurrentHashMap<>();
    /** Stands for a type that could not be loaded: every method counts. */
    private static final Set<String> UNKNOWN = Set.of();
    private static final Map<String, Set<String>> SUPERTYPES = new ConcurrentHashMap<>();
    private static final Set<String> SYNCHRONIZED_MAPS = Set.of("synchronizedMap", "synchronizedSortedMap",
            "synchronizedNavigableMap");

    private JdkTypes() {
    }

    /**
     * The class of the new wrapper that {@code Collections.synchronizedMap}, {@code synchronizedSortedMap} or
     * {@code synchronizedNavigableMap} returns (internal name), or null for any other call: the wrapper is a new
     * object, as {@code new} makes one, whose every call holds its monitor.
     */
    public static String synchronizedMapMadeBy(String owner, String name) {
        return owner.equals("java/util/Collections") && SYNCHRONIZED_MAPS.contains(name)
                ? "java/util/Collections$S" + name.substring(1) : null;
    }

    /** Whether {@code type} is one of the wrappers {@link #synchronizedMapMadeBy} names. */
    public static boolean isSynchronizedMap(String type) {
        return type.startsWith("java/util/Collections$Synchronized") && type.endsWith("Map");
    }

    /** Whether {@code type} (internal name) has a public method {@code name desc}, or cannot be looked at. */
    public static boolean has(String type, String name, String desc) {
        Set<String> methods = METHODS.computeIfAbsent(type, JdkTypes::publicMethods);
        return methods == UNKNOWN || methods.contains(name + desc);
    }

    private static Set<String> publicMethods(String type) {
        try {
            Class<?> loaded = load(type);
            Set<String> methods = new HashSet<>();
            for (Method method : loaded.getMethods()) {
                methods.add(method.getName() + Type.getMethodDescriptor(method));
            }
            return methods;
        } catch (ClassNotFoundException | LinkageError | SecurityException e) {
            return UNKNOWN;
        }
    }

    /** Whether the JDK type {@code type} is {@code supertype} or extends or implements it (internal names). */
    static boolean isSubtype(String type, String supertype) {
        return type.equals(supertype) || SUPERTYPES.computeIfAbsent(type,
                jdkType -> Set.copyOf(Supertypes.transitive(jdkType, JdkTypes::directSupertypes))).contains(supertype);
    }

    /** The interfaces and superclass of the JDK type {@code type}; none for other or unknown types. */
    public static List<String> directSupertypes(String type) {
        if (!type.startsWith("java/") && !type.startsWith("javax/")) {
            return List.of();
        }
        try {
            Class<?> loaded = load(type);
            List<String> direct = new ArrayList<>();
            for (Class<?> implemented : loaded.getInterfaces()) {
                direct.add(implemented.getName().replace('.', '/'));
            }
            if (loaded.getSuperclass() != null) {
                direct.add(loaded.getSuperclass().getName().replace('.', '/'));
            }
            return direct;
        } catch (ClassNotFoundException | LinkageError e) {
            return List.of();
        }
    }

    private static Class<?> load(String type) throws ClassNotFoundException {
        return Class.forName(type.replace('/', '.'), false, ClassLoader.getPlatformClassLoader());
    }
}
