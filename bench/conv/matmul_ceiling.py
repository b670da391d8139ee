"""Print numpy's float32 matrix-multiply speed, the machine's practical
ceiling for the convolutions' matrix products, as one JSON line.

    OPENBLAS_NUM_THREADS=2 /usr/bin/python3 bench/conv/matmul_ceiling.py
"""
import json
import os
import time

import numpy as np

n = 2048
a = np.random.rand(n, n).astype(np.float32)
b = np.random.rand(n, n).astype(np.float32)
a @ b  # warm up the BLAS threads
best = float("inf")
for _ in range(5):
    start = time.perf_counter()
    a @ b
    best = min(best, time.perf_counter() - start)
print(json.dumps({"impl": "numpy", "threads": int(os.environ.get("OPENBLAS_NUM_THREADS", "0")),
                  "matmul": f"{n}x{n} float32", "gflops": 2 * n ** 3 / best / 1e9}))
