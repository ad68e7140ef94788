package io.github.lockspot.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Formatting shared by the result files. */
final class Text {

    private Text() {
    }

    /** Rows as columns padded to the widest cell; rows shorter than the longest (a problem) are not measured. */
    static List<String> align(List<List<String>> rows) {
        int columns = rows.stream().mapToInt(List::size).max().orElse(0);
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            if (row.size() == columns) {
                for (int i = 0; i < columns - 1; i++) {
                    widths[i] = Math.max(widths[i], row.get(i).length());
                }
            }
        }
        List<String> lines = new ArrayList<>();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                line.append(i == row.size() - 1 ? cell : String.format("%-" + widths[i] + "s  ", cell));
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }

    static String csv(Object... values) {
        return Arrays.stream(values).map(v -> {
            String s = String.valueOf(v);
            return s.contains(",") || s.contains("\"") || s.contains("\n")
                    ? "\"" + s.replace("\"", "\"\"").replace("\n", " ") + "\"" : s;
        }).collect(Collectors.joining(","));
    }

    static String fmt(double value, int decimals) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** The text on one line, whitespace collapsed. */
    static String oneLine(String text) {
        return text.replaceAll("\\s+", " ");
    }

    static String abbreviate(String text, int length) {
        String oneLine = oneLine(text);
        return oneLine.length() <= length ? oneLine : oneLine.substring(0, length - 1) + "…";
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }
}
