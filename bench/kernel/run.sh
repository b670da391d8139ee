#!/bin/sh
# Build fastgo and compare its kernel with ipykernel (see bench.py).
# Usage: bench/kernel/run.sh [ROUNDS]   (run from the repository root)
set -eu
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
go build -o "$out/fastgo" .
/usr/bin/python3 bench/kernel/bench.py "$out/fastgo" "${1:-200}"
