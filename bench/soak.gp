# Draws bench/soak.sh's CSV: p99 per interval per kind (with the machine's load), errors per interval, RSS per service.
# gnuplot -e "csv='target/bench/soak/soak.csv'; png='target/bench/soak/soak.png'; title='...'" bench/soak.gp
if (!exists("title")) title = "Latchkey soak"
kinds = "exchange exchange_new introspect_jwt introspect_key list create delete"
services = "rbac token auth"
set datafile separator ","
set terminal pngcairo size 1100,1250 font ",10" noenhanced
set output png
set multiplot layout 3,1 title title font ",12"
set grid
set key outside right top
set xlabel "minute of the soak"
set xrange [0:*]

set title "p99 latency per interval (ms, log scale)"
set logscale y
set ylabel "ms"
set y2label "machine load (1 min)"
set y2range [0:*]
set y2tics
plot for [i=1:words(kinds)] csv using "minute":word(kinds,i)."_p99_ms" with linespoints pointsize 0.6 lc i title word(kinds,i), \
     csv using "minute":"load1" axes x1y2 with lines dashtype 2 lc rgb "gray40" title "load (y2)"
unset logscale y
unset y2tics
unset y2label

set title "errors per interval (any unexpected status, body or failure)"
set ylabel "errors"
stats csv using "errors" nooutput
set yrange [0:(STATS_max > 0 ? STATS_max * 1.1 : 1)]
plot csv using "minute":"errors" with linespoints lw 2 lc rgb "black" title "all", \
     for [i=1:words(kinds)] csv using "minute":word(kinds,i)."_err" with lines lc i title word(kinds,i)
set autoscale y

set title "RSS per service (VmRSS, MiB)"
set ylabel "MiB"
plot for [s in services] csv using "minute":"rss_".s."_mb" with linespoints title s."-service"
unset multiplot
