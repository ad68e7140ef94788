package io.github.lockspot.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.commons.ClassRemapper;
import org.objectweb.asm.commons.Remapper;
import org.objectweb.asm.tree.ClassNode;

/**
 * The plugin's packages stand in layers, each using only the layers below it (ARCHITECTURE.md): the lock model's
 * values and lock identity, the API catalogues, the per-method dataflow, the whole-program model; then the SpotBugs
 * glue; then the four families, which do not use each other; then the tools users run beside SpotBugs. Read from the
 * compiled classes, so that every use counts (descriptors, constants, inner classes), not only import lines.
 */
class LayersTest {

    /** Package (below {@code io/github/lockspot/}) to layer; a family's packages share a layer but not each other. */
    static final Map<String, Integer> LAYERS = Map.ofEntries(
            Map.entry("analysis/value", 0),
            Map.entry("analysis/api", 1),
            Map.entry("analysis/flow", 2),
            Map.entry("analysis/program", 3),
            Map.entry("spotbugs", 4),
            Map.entry("dlk", 5), Map.entry("rmw", 5), Map.entry("rna", 5), Map.entry("blk", 5),
            Map.entry("sarif", 6),
            Map.entry("cli", 7));

    private static final String ROOT = "io/github/lockspot/";

    @Test
    void noClassUsesAHigherLayerOrAnotherFamily() throws IOException {
        List<String> violations = new ArrayList<>();
        Set<String> unplaced = new TreeSet<>();
        for (Path file : classFiles()) {
            String name;
            Set<String> used = new TreeSet<>();
            try (InputStream in = Files.newInputStream(file)) {
                ClassReader reader = new ClassReader(in);
                name = reader.getClassName();
                // A ClassNode underneath, so that method bodies are visited (and remapped) too.
                reader.accept(new ClassRemapper(new ClassNode(), new Remapper(Opcodes.ASM9) {
                    @Override
                    public String map(String internalName) {
                        used.add(internalName);
                        return internalName;
                    }
                }), 0);
            }
            String from = packageOf(name);
            if (!LAYERS.containsKey(from)) {
                unplaced.add(from);
                continue;
            }
            for (String other : used) {
                if (!other.startsWith(ROOT) || packageOf(other).equals(from)) {
                    continue;
                }
                String to = packageOf(other);
                Integer layer = LAYERS.get(to);
                if (layer == null || layer >= LAYERS.get(from)) {
                    violations.add(name + " uses " + other);
                }
            }
        }
        assertEquals(Set.of(), unplaced, "packages with no layer in LayersTest.LAYERS (and ARCHITECTURE.md)");
        assertEquals(List.of(), violations, "uses of a package in the same or a higher layer");
    }

    private static String packageOf(String internalName) {
        String rest = internalName.substring(ROOT.length());
        int slash = rest.lastIndexOf('/');
        return slash < 0 ? "" : rest.substring(0, slash);
    }

    private static List<Path> classFiles() throws IOException {
        Path classes = Path.of("target/classes", ROOT);
        try (Stream<Path> files = Files.walk(classes)) {
            List<Path> found = files.filter(f -> f.toString().endsWith(".class")).toList();
            assertFalse(found.isEmpty(), "no compiled classes under " + classes.toAbsolutePath());
            return found;
        }
    }
}
