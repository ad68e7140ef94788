package io.github.lockspot.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.lockspot.analysis.flow.ClassAnalysis;
import io.github.lockspot.analysis.flow.ClassSummary;
import io.github.lockspot.analysis.flow.MethodSummary;
import io.github.lockspot.analysis.program.ProgramModel;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every class of the Kotlin, Scala and Groovy runtimes goes through the analysis and the whole-program model without
 * an exception; methods it cannot understand are skipped with a reason, and they stay rare.
 */
class OtherLanguagesBytecodeTest {

    /** At most this share of methods may be skipped (too large or not understood). */
    private static final double MAX_SKIPPED_SHARE = 0.01;

    @ParameterizedTest
    @ValueSource(strings = {"kotlin.collections.CollectionsKt", "scala.collection.immutable.List",
            "groovy.lang.GroovyObject"})
    void wholeRuntimeIsAnalysedWithoutFailure(String classInJar) throws Exception {
        ProgramModel model = new ProgramModel();
        List<String> unreadable = new ArrayList<>();
        int methods = 0;
        try (JarFile jar = new JarFile(jarOf(classInJar).toFile())) {
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                if (!entry.getName().endsWith(".class") || entry.getName().contains("module-info")) {
                    continue;
                }
                try {
                    ClassSummary summary = ClassAnalysis.analyze(jar.getInputStream(entry).readAllBytes());
                    model.add(summary);
                    methods += summary.methods().size();
                } catch (IllegalArgumentException e) {
                    unreadable.add(entry.getName() + ": " + e.getMessage());
                }
            }
        }
        assertEquals(List.of(), unreadable);
        int skipped = 0;
        for (MethodSummary method : model.skippedMethods()) {
            skipped += method.skipReason().startsWith("too large") ? 0 : 1;
        }
        assertTrue(skipped <= methods * MAX_SKIPPED_SHARE, skipped + " of " + methods + " methods not understood");
        // The derived views must cope with the whole runtime too.
        model.threadEntryPoints();
        model.reachableFromThreadEntryPoints();
        for (MethodSummary method : model.allMethods()) {
            model.callersOf(method.method());
        }
    }

    private static Path jarOf(String className) throws ClassNotFoundException, URISyntaxException, IOException {
        return Path.of(Class.forName(className, false, OtherLanguagesBytecodeTest.class.getClassLoader())
                .getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
