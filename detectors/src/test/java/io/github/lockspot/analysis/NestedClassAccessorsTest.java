package io.github.lockspot.analysis;

import static io.github.lockspot.testing.FixtureReports.assertExactly;
import static io.github.lockspot.testing.FixtureReports.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import edu.umd.cs.findbugs.BugInstance;
import io.github.lockspot.fixtures.rna.InnerRemoverLockBug;
import io.github.lockspot.fixtures.rna.InnerRemoverLockFixed;
import io.github.lockspot.testing.RecompiledFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiled for Java 8, an inner class reads its outer class's private lock through javac's {@code access$NNN}
 * getter: the lock it takes is still that field, so the outer class's private helper it calls is credited with it,
 * as it is when Java 11+ compiles the same source to a direct field read (nest mates).
 */
class NestedClassAccessorsTest {

    @Test
    void innerClassLockIsTheOuterFieldInJava8Bytecode(@TempDir Path temp) throws IOException {
        Path java8 = RecompiledFixtures.compile(temp, "8", "",
                source -> source.getFileName().toString().startsWith("InnerRemoverLock"));
        Path remover = java8.resolve("io/github/lockspot/fixtures/rna/InnerRemoverLockFixed$Remover.class");
        assertTrue(new String(Files.readAllBytes(remover), StandardCharsets.ISO_8859_1).contains("access$"),
                "javac 8 reads the lock through an access$ method");
        List<BugInstance> reports = RecompiledFixtures.lockSpotReports(java8);

        assertEquals(List.of(), on(reports, InnerRemoverLockFixed.class), "fixed twin");
        assertEquals(List.of("RMW_INCONSISTENTLY_GUARDED_UPDATE unlinkOne:38", "RNA_MONITOR_NOT_OWNED remove:49"),
                on(reports, InnerRemoverLockBug.class), "bug");
    }

    @Test
    void nestMateBytecodeGetsTheSameReports() {
        assertExactly(InnerRemoverLockFixed.class);
        assertExactly(InnerRemoverLockBug.class,
                report("RMW_INCONSISTENTLY_GUARDED_UPDATE", "unlinkOne", 38),
                report("RNA_MONITOR_NOT_OWNED", "remove", 49));
    }

    private static List<String> on(List<BugInstance> reports, Class<?> fixture) {
        List<String> found = new ArrayList<>();
        for (BugInstance bug : reports) {
            if (bug.getPrimaryClass().getClassName().startsWith(fixture.getName())) {
                found.add(bug.getType() + " " + bug.getPrimaryMethod().getMethodName() + ":"
                        + bug.getPrimarySourceLineAnnotation().getStartLine());
            }
        }
        found.sort(null);
        return found;
    }
}
