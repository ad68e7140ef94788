# Drawn by bench/run (Chart.java): cost of adding LockSpot to stock SpotBugs, per jar.
set terminal pngcairo size 1100,650 font ",11"
set output "chart.png"
set title "LockSpot cost per jar (2026-12-04-round9-after)"
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
plot "chart.dat" using 2:3 with points pt 7 ps 1.5 lc rgb "#0072b2" title "wall-time ratio", \
     "chart.dat" using 2:4 with points pt 5 ps 1.2 lc rgb "#009e73" title "peak-RSS ratio", \
     "chart.dat" using 2:3:1 with labels offset 0,1 font ",9" notitle
