# bench/compare.sh's chart: req/s per path@connections, Latchkey and Keycloak side by side ("-": not measured there).
# Variables: dat (rows: "path@conns" latchkey keycloak), png, title.
set terminal pngcairo noenhanced size 1400,700 font "DejaVu Sans,11"
set output png
set title title
set datafile missing "-"
set style data histograms
set style histogram clustered gap 1
set style fill solid 0.85 border -1
set boxwidth 0.9
set ylabel "requests per second"
set yrange [0:*]
set grid ytics
set xtics rotate by -25 nomirror
set key top left
plot dat using 2:xtic(1) title "Latchkey" linecolor rgb "#2a6fdb", \
     '' using 3 title "Keycloak 26.7.3" linecolor rgb "#c0392b", \
     '' using ($0 - 0.15):2:(sprintf("%.0f", $2)) with labels offset 0,0.7 font ",9" notitle, \
     '' using ($0 + 0.15):3:(sprintf("%.0f", $3)) with labels offset 0,0.7 font ",9" notitle
