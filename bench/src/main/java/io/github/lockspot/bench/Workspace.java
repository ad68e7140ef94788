package io.github.lockspot.bench;

import java.nio.file.Path;

/** Where the benchmark reads and writes, under the repository root (bench/run's working directory). */
record Workspace(Path root) {

    static Workspace current() {
        return new Workspace(Path.of("").toAbsolutePath());
    }

    /** bench/work (git-ignored): fetched jars and every run's raw output. */
    Path work() {
        return root.resolve("bench/work");
    }

    Path jars() {
        return work().resolve("jars");
    }

    /** bench/work/runs/TARGET: XML, log, GNU time and GC log of each run of the target. */
    Path runDir(Target target) {
        return work().resolve("runs/" + target.name());
    }

    /** The path as shown to the user: relative to the repository root where it lies inside. */
    String show(Path path) {
        Path absolute = path.toAbsolutePath();
        return absolute.startsWith(root) ? root.relativize(absolute).toString() : absolute.toString();
    }
}
