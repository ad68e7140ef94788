package io.github.lockspot.bench;

import java.util.List;

/** A row of bench/jars.tsv: the jars analysed together (Maven coordinates), jars only on -auxclasspath, and why. */
record Target(String name, List<String> analyze, List<String> aux, String why) {
}
