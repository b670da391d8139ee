#!/bin/sh
# Runs the tabular benchmarks: fastgo (bench/tabular/benchgo) and
# scikit-learn (bench_sklearn.py) alternately, each model and seed in its
# own process, then prints the medians over seeds and the ratios.
#
#   sh bench/tabular/run.sh [tree forest mnist]
#
# Needs the data in ../shared/data or $FASTGO_DATA and Debian's python3
# with scikit-learn at /usr/bin/python3.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
models=${*:-tree forest mnist}
out=$(mktemp)
go build -o "$out.bin" "$here/benchgo"
cd "$here"
for model in $models; do
	for seed in 0 1 2; do
		"$out.bin" "$model" "$seed" | tee -a "$out"
		/usr/bin/python3 bench_sklearn.py "$model" "$seed" | tee -a "$out"
	done
done
/usr/bin/python3 summarize.py "$out"
rm -f "$out" "$out.bin"
