package io.github.lockspot.analysis;

import java.util.Map;

/**
 * Subtype questions asked while one class is analysed, before the rest of the program is known: which JDK lock type
 * a user class such as {@code class PoolLock extends ReentrantLock} is, so that {@code poolLock.lock()} counts as
 * taking a lock. SpotBugs answers them from its class path; without it, only JDK types have supertypes.
 */
@FunctionalInterface
public interface Supertypes {

    /** Only the running JDK's classes have known supertypes. */
    Supertypes JDK_ONLY = new TypeHierarchy(Map.of())::isSubtype;

    /** Whether {@code type} is {@code supertype} or extends or implements it (internal names); false when unknown. */
    boolean isSubtype(String type, String supertype);
}
