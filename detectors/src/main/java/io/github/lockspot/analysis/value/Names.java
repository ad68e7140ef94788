package io.github.lockspot.analysis.value;

/** Short, readable names for types and classes in messages. */
public final class Names {
    private Names() {
    }

    /** {@code java/util/concurrent/locks/ReentrantLock} or its dotted form → {@code ReentrantLock}; inner classes keep their outer name. */
    public static String simpleName(String className) {
        String dotted = className.replace('/', '.');
        return dotted.substring(dotted.lastIndexOf('.') + 1).replace('$', '.');
    }
}
