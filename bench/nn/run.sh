#!/bin/sh
# Trains DotProductBias on MovieLens 100k with fastgo/nn and with PyTorch
# (2 threads, then 1) on the same split, twice each, alternating.
set -e
cd "$(dirname "$0")/../.."
export FASTGO_DATA="${FASTGO_DATA:-$(cd .. && pwd)/shared/data}"
bin=$(mktemp -d)/nnbench
split=$(mktemp)
go build -o "$bin" ./bench/nn
"$bin" -export "$split" | tail -1
for run in 1 2; do
	/usr/bin/python3 bench/nn/collab_torch.py "$split" 2 | tail -1
	/usr/bin/python3 bench/nn/collab_torch.py "$split" 1 | tail -1
	"$bin" | tail -1
done
rm -f "$split" "$bin"
