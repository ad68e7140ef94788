package io.github.lockspot.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

/** What SpotBugs can analyse: a jar or zip, a class file, or a folder holding some. Anything else is bad input. */
final class Targets {
    private static final byte[] ZIP = {'P', 'K', 3, 4};
    private static final byte[] EMPTY_ZIP = {'P', 'K', 5, 6};
    private static final byte[] CLASS = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE};

    private Targets() {
    }

    /** Throws a {@link BadInputException} naming {@code target} unless SpotBugs can analyse it. */
    static void check(Path target) {
        if (Files.isDirectory(target)) {
            if (!holdsClasses(target)) {
                throw new BadInputException(target + ": folder holds no .class, .jar or .zip file");
            }
        } else if (!Files.exists(target)) {
            throw new BadInputException(target + ": no such file or folder");
        } else if (!Files.isReadable(target)) {
            throw new BadInputException(target + ": cannot be read");
        } else {
            byte[] magic = magic(target);
            if (!Arrays.equals(magic, ZIP) && !Arrays.equals(magic, EMPTY_ZIP) && !Arrays.equals(magic, CLASS)) {
                throw new BadInputException(target + ": not a jar, zip or class file");
            }
        }
    }

    private static boolean holdsClasses(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.anyMatch(file -> {
                String name = file.getFileName().toString();
                return Files.isRegularFile(file) && (name.endsWith(".class") || name.endsWith(".jar")
                        || name.endsWith(".zip"));
            });
        } catch (IOException e) {
            throw new BadInputException(folder + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    private static byte[] magic(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(4);
        } catch (IOException e) {
            throw new BadInputException(file + ": cannot be read (" + e.getMessage() + ")");
        }
    }
}
