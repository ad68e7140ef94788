package io.github.lockspot.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Cost ratio per jar against its class count: chart.dat and chart.gp, drawn by gnuplot into chart.png. */
final class Chart {

    private Chart() {
    }

    static void write(Path out, List<Result> results) throws IOException, InterruptedException {
        List<String> data = new ArrayList<>(List.of("# target classes wall_ratio rss_ratio"));
        for (Result r : results.stream().filter(Result::ok).toList()) {
            data.add(String.format(Locale.ROOT, "%s %d %.4f %.4f", r.target().name(), r.stock().analysis().classes(),
                    r.wallRatio(), r.rssRatio()));
        }
        Files.write(out.resolve("chart.dat"), data);
        if (data.size() == 1) {
            System.out.println("no target ran in both modes: no chart");
            return;
        }
        String script = """
                # Drawn by bench/run (Chart.java): cost of adding LockSpot to stock SpotBugs, per jar.
                set terminal pngcairo size 1100,650 font ",11"
                set output "chart.png"
                set title "LockSpot cost per jar (%s)"
                set xlabel "classes analysed (log scale)"
                set ylabel "with LockSpot / stock SpotBugs"
                set logscale x
                set grid
                set key top right
                set yrange [0.3<*<0.8:1.35<*]
                set arrow from graph 0, first 1.10 to graph 1, first 1.10 nohead dt 2 lc rgb "#e69f00"
                set arrow from graph 0, first 1.25 to graph 1, first 1.25 nohead dt 2 lc rgb "#d55e00"
                set label "median goal 1.10" at graph 0.01, first 1.115 tc rgb "#e69f00"
                set label "per-jar limit 1.25" at graph 0.01, first 1.265 tc rgb "#d55e00"
                plot "chart.dat" using 2:3 with points pt 7 ps 1.5 lc rgb "#0072b2" title "wall-time ratio", \\
                     "chart.dat" using 2:4 with points pt 5 ps 1.2 lc rgb "#009e73" title "peak-RSS ratio", \\
                     "chart.dat" using 2:3:1 with labels offset 0,1 font ",9" notitle
                """.formatted(out.toAbsolutePath().getFileName());
        Files.writeString(out.resolve("chart.gp"), script);
        try {
            Process gnuplot = new ProcessBuilder("gnuplot", "chart.gp").directory(out.toFile()).inheritIO().start();
            if (gnuplot.waitFor() != 0) {
                System.out.println("gnuplot failed; chart.gp and chart.dat are written");
            }
        } catch (IOException e) {
            System.out.println("no gnuplot (bench/run installs gnuplot-nox); chart.gp and chart.dat are written");
        }
    }
}
