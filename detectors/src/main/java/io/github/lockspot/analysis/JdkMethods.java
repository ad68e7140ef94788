package io.github.lockspot.analysis;

import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.objectweb.asm.Type;

/**
 * The public methods of the running JDK's types, by name and descriptor, for catalogue entries that name a JDK type
 * by a method prefix. Read by reflection without initialising the class; a type the JDK does not have answers yes.
 */
final class JdkMethods {

    private static final Map<String, Set<String>> METHODS = new ConcurrentHashMap<>();
    /** Stands for a type that could not be loaded: every method counts. */
    private static final Set<String> UNKNOWN = Set.of();

    private JdkMethods() {
    }

    /** Whether {@code type} (internal name) has a public method {@code name desc}, or cannot be looked at. */
    static boolean has(String type, String name, String desc) {
        Set<String> methods = METHODS.computeIfAbsent(type, JdkMethods::publicMethods);
        return methods == UNKNOWN || methods.contains(name + desc);
    }

    private static Set<String> publicMethods(String type) {
        try {
            Class<?> loaded = Class.forName(type.replace('/', '.'), false, ClassLoader.getPlatformClassLoader());
            Set<String> methods = new HashSet<>();
            for (Method method : loaded.getMethods()) {
                methods.add(method.getName() + Type.getMethodDescriptor(method));
            }
            return methods;
        } catch (ClassNotFoundException | LinkageError | SecurityException e) {
            return UNKNOWN;
        }
    }
}
