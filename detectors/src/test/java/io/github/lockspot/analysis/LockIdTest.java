package io.github.lockspot.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.lockspot.analysis.value.LockId;
import io.github.lockspot.analysis.value.LockKind;
import io.github.lockspot.analysis.value.ValuePath;
import org.junit.jupiter.api.Test;

/** How reports name locks. */
class LockIdTest {

    private static LockId lockFromGetter(String type) {
        return new LockId(LockKind.LOCK, new ValuePath.CallResult(new ValuePath.This("org/x/ZkClient"),
                "org/x/ZkClient", "getEventLock", type));
    }

    /** zkclient's {@code getEventLock()} returns its own {@code ZkLock}: the report names the class too. */
    @Test
    void lockFromAGetterOfTheProgramsOwnLockClassNamesThatClass() {
        assertEquals("this.getEventLock() (ZkLock)", lockFromGetter("org/x/ZkLock").display());
    }

    @Test
    void lockFromAGetterOfAJdkTypeIsNamedByTheGetterAlone() {
        assertEquals("this.getEventLock()", lockFromGetter("java/util/concurrent/locks/Lock").display());
    }

    /** An anonymous or inner class locking its enclosing object's field: {@code this$1.this$0.self} in bytecode. */
    @Test
    void enclosingInstancesAreNamedAsTheSourceNamesThem() {
        ValuePath middle = new ValuePath.InstanceField(new ValuePath.This("org/x/Outer$Middle$1"),
                "org/x/Outer$Middle$1", "this$1", "org/x/Outer$Middle");
        ValuePath outer = new ValuePath.InstanceField(middle, "org/x/Outer$Middle", "this$0", "org/x/Outer");
        LockId self = new LockId(LockKind.MONITOR, new ValuePath.InstanceField(outer, "org/x/Outer", "self",
                "java/lang/Object"));
        assertEquals("Outer.this.self", self.display());
    }
}
