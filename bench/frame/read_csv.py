"""Time pandas reading the bulldozers CSV files, the peer of frame.ReadCSV.

Usage: /usr/bin/python3 bench/frame/read_csv.py [DATA_DIR]
DATA_DIR defaults to $FASTGO_DATA, then ../shared/data beside the repository.
Needs Debian's python3-pandas. Prints the median of 10 reads per file in ms.
"""
import os
import statistics
import sys
import time

import pandas as pd

FILES = ["train_tmp_subset14180.csv", "Valid.csv"]


def data_dir():
    if len(sys.argv) > 1:
        return sys.argv[1]
    if os.environ.get("FASTGO_DATA"):
        return os.environ["FASTGO_DATA"]
    here = os.path.dirname(os.path.abspath(__file__))
    return os.path.join(here, "..", "..", "..", "shared", "data")


def main():
    root = os.path.join(data_dir(), "bulldozers")
    for name in FILES:
        path = os.path.join(root, name)
        times = []
        for _ in range(10):
            start = time.perf_counter()
            pd.read_csv(path, low_memory=False)
            times.append(time.perf_counter() - start)
        print(f"pandas {pd.__version__} read_csv {name}: {statistics.median(times) * 1e3:.1f} ms")


if __name__ == "__main__":
    main()
