package io.github.lockspot.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lockspot.fixtures.analysis.LockSubclassShapes;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Calls on a user subclass of a JDK lock act as calls on that JDK lock once the subclass's supertypes are known. */
class LockSubclassTest {

    /** Subtyping as the test's own class path sees it. */
    private static boolean isSubtype(String type, String supertype) {
        try {
            ClassLoader loader = LockSubclassTest.class.getClassLoader();
            return Class.forName(supertype.replace('/', '.'), false, loader)
                    .isAssignableFrom(Class.forName(type.replace('/', '.'), false, loader));
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static MethodSummary signalling(Supertypes supertypes) throws IOException {
        ClassSummary shapes = ClassAnalysis.analyze(HeldLocksTest.bytesOf(LockSubclassShapes.class), supertypes);
        return shapes.methods().stream().filter(m -> m.method().name().equals("signalUnderSubclassLock"))
                .findFirst().orElseThrow();
    }

    @Test
    void subclassLockIsTakenHeldAndReleasedAsTheJdkLockItExtends() throws IOException {
        MethodSummary method = signalling(LockSubclassTest::isSubtype);

        assertEquals(1, method.acquisitions().size());
        LockId lock = method.acquisitions().get(0).lock();
        assertEquals("LockSubclassShapes.lock", lock.display());
        assertEquals(LockKind.LOCK, lock.kind());
        Events.MonitorUse signal = method.monitorUses().get(0);
        assertEquals(lock, signal.lock(), "the condition's lock");
        assertTrue(signal.held().holds(lock), "signal() runs with the subclass lock held");
        assertTrue(method.releases().stream().allMatch(release -> release.before().heldOnEveryPath()));
    }

    @Test
    void withoutItsSupertypesTheSubclassIsNoLock() throws IOException {
        MethodSummary method = signalling(Supertypes.JDK_ONLY);

        assertEquals(List.of(), method.acquisitions());
        assertEquals(List.of(), method.releases());
    }
}
