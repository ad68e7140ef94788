package io.github.lockspot.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The tab-separated lists of bench/ (jars.tsv, known-bugs.tsv). */
final class Tsv {

    private Tsv() {
    }

    /** Rows of a tab-separated file without '#' comments and without its header row. */
    static List<String[]> read(Path file, int columns) throws IOException {
        List<String[]> rows = new ArrayList<>();
        boolean header = true;
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (header) {
                header = false;
                continue;
            }
            String[] row = line.split("\t", -1);
            if (row.length != columns) {
                throw new IllegalArgumentException(file + ": expected " + columns + " columns: " + line);
            }
            rows.add(row);
        }
        return rows;
    }

    /** A cell's items; "-" is none. */
    static List<String> list(String cell, String separator) {
        return cell.equals("-") ? List.of() : Arrays.stream(cell.split(separator)).map(String::trim).toList();
    }
}
