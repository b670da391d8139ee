"""Time scikit-learn on the tabular benchmarks that bench/tabular/benchgo
runs for fastgo, and print one line per run: model, seed, fit seconds,
quality, peak RSS in MB.

    /usr/bin/python3 bench/tabular/bench_sklearn.py MODEL SEED

MODEL is tree, forest or mnist. Run each model in its own process so that
peak RSS belongs to that model alone. All cores (n_jobs=-1).
"""
import gzip
import os
import resource
import sys
import time

import numpy as np
from sklearn.ensemble import RandomForestClassifier, RandomForestRegressor
from sklearn.tree import DecisionTreeRegressor

import bulldozers


def rmse(p, y):
    return float(np.sqrt(((p - y) ** 2).mean()))


def idx(path):
    with gzip.open(path) as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    arr = np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims)
    return arr.reshape(shape[0], -1) if dims > 1 else arr


def mnist():
    root = os.path.join(os.path.dirname(bulldozers.data_dir()), "mnist")
    return (idx(os.path.join(root, "train-images-idx3-ubyte.gz")),
            idx(os.path.join(root, "train-labels-idx1-ubyte.gz")),
            idx(os.path.join(root, "t10k-images-idx3-ubyte.gz")),
            idx(os.path.join(root, "t10k-labels-idx1-ubyte.gz")))


def main(model, seed):
    if model == "mnist":
        X, y, Xt, yt = mnist()
        m = RandomForestClassifier(40, n_jobs=-1, random_state=seed)
        t0 = time.perf_counter()
        m.fit(X, y)
        fit = time.perf_counter() - t0
        quality = "accuracy %.4f" % (m.predict(Xt) == yt).mean()
    else:
        Xt, yt, Xv, yv, _ = bulldozers.load()
        if model == "tree":
            m = DecisionTreeRegressor(random_state=seed)
        else:
            m = RandomForestRegressor(40, max_samples=0.5, max_features=0.5, min_samples_leaf=5,
                                      n_jobs=-1, random_state=seed)
        t0 = time.perf_counter()
        m.fit(Xt, yt)
        fit = time.perf_counter() - t0
        quality = "valid RMSE %.4f" % rmse(m.predict(Xv), yv)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print("sklearn %s seed %d fit %.3f s %s peak %.0f MB" % (model, seed, fit, quality, peak))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
