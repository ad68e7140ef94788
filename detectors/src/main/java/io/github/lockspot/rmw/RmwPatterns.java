package io.github.lockspot.rmw;

/** The RMW bug pattern names: API that users filter and suppress by. */
final class RmwPatterns {

    static final String INCONSISTENTLY_GUARDED_UPDATE = "RMW_INCONSISTENTLY_GUARDED_UPDATE";
    static final String VOLATILE_UPDATE = "RMW_VOLATILE_UPDATE";
    static final String THREAD_SHARED_UPDATE = "RMW_THREAD_SHARED_UPDATE";
    static final String GUARDED_BY_VIOLATION = "RMW_GUARDED_BY_VIOLATION";
    static final String ATOMIC_GET_THEN_SET = "RMW_ATOMIC_GET_THEN_SET";
    static final String MAP_CHECK_THEN_ACT = "RMW_MAP_CHECK_THEN_ACT";

    private RmwPatterns() {
    }
}
