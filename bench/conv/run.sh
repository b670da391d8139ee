#!/bin/sh
# Times fastgo's CNN training on MNIST against the same nets in PyTorch in
# the same run and prints a Markdown summary. Usage, from the repository:
#
#   FASTGO_DATA=/path/to/data bench/conv/run.sh [REPEATS]
#
# Each repeat trains the 3s-and-7s CNN for 2 epochs and the batch-norm CNN
# on full MNIST for 1 epoch, with fastgo on 2 threads and PyTorch on 2 and
# on 1 thread. The raw JSON lines go to $RESULTS (default: a temporary
# file whose name is printed at the end).
set -eu
cd "$(dirname "$0")/../.."
: "${FASTGO_DATA:?set FASTGO_DATA to the data folder that contains mnist/}"
reps=${1:-3}
bin=$(mktemp -d)/convbench
results=${RESULTS:-$(mktemp)}
go build -o "$bin" ./bench/conv
: >"$results"
uptime | tee -a "$results"
for _ in $(seq "$reps"); do
	for net in simple bn; do
		epochs=1
		[ "$net" = simple ] && epochs=2
		"$bin" -net "$net" -epochs "$epochs" -threads 2 | tee -a "$results"
		/usr/bin/python3 bench/conv/torch_cnn.py --net "$net" --epochs "$epochs" --threads 2 | tee -a "$results"
		/usr/bin/python3 bench/conv/torch_cnn.py --net "$net" --epochs "$epochs" --threads 1 | tee -a "$results"
	done
done
for threads in 2 1; do
	"$bin" -layers -threads "$threads" | tee -a "$results"
	/usr/bin/python3 bench/conv/torch_cnn.py --layers --threads "$threads" | tee -a "$results"
done
OPENBLAS_NUM_THREADS=2 /usr/bin/python3 bench/conv/matmul_ceiling.py | tee -a "$results"
uptime | tee -a "$results"
/usr/bin/python3 bench/conv/compare.py <"$results"
echo "raw results: $results"
