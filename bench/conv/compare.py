"""Summarize the JSON lines of bench/conv/run.sh: median seconds per epoch
and final accuracy of each implementation and net, fastgo's time ratio to
PyTorch, and per-layer GFLOP/s against the numpy matmul ceiling.

    /usr/bin/python3 bench/conv/compare.py < results.jsonl
"""
import json
import statistics
import sys
from collections import defaultdict

epochs = defaultdict(list)   # (impl, threads, net) -> seconds per epoch
accuracy = defaultdict(list)  # (impl, threads, net) -> accuracy after the last epoch
layers = defaultdict(list)   # (impl, threads, layer) -> GFLOP/s
ceiling = []
for line in sys.stdin:
    line = line.strip()
    if not line.startswith("{"):
        continue
    r = json.loads(line)
    if "matmul" in r:
        ceiling.append(r["gflops"])
    elif "layer" in r:
        layers[(r["impl"], r["threads"], r["layer"])].append(r["gflops"])
    else:
        key = (r["impl"], r["threads"], r["net"])
        epochs[key].append(r["seconds"])
        accuracy[key].append((r["epoch"], r["accuracy"]))

print("| net | implementation | threads | median s/epoch | accuracy after each run's last epoch | fastgo time / this |")
print("|---|---|---|---|---|---|")
for net in ("simple", "bn"):
    fg = epochs.get(("fastgo", 2, net))
    for key in sorted(k for k in epochs if k[2] == net):
        med = statistics.median(epochs[key])
        final = [a for e, a in accuracy[key] if e == max(e2 for e2, _ in accuracy[key])]
        ratio = f"{statistics.median(fg) / med:.2f}" if fg else "-"
        accs = ", ".join(f"{a:.4f}" for a in final)
        print(f"| {net} | {key[0]} | {key[1]} | {med:.3f} | {accs} | {ratio} |")

if ceiling:
    top = max(ceiling)
    print(f"\nnumpy float32 2048x2048 matmul, best of 5: {top:.1f} GFLOP/s")
    print("\n| layer (batch 64, forward + backward) | implementation | threads | GFLOP/s | share of matmul ceiling |")
    print("|---|---|---|---|---|")
    for key in sorted(layers, key=lambda k: (k[2], k[0], k[1])):
        g = statistics.median(layers[key])
        print(f"| {key[2]} | {key[0]} | {key[1]} | {g:.1f} | {100 * g / top:.0f}% |")
