"""Prepare the bulldozers subset for scikit-learn the way fastgo's Go loader
(bench/tabular/bulldozers) does, so both sides fit on the same matrix.

Train: the 14,180-row subset; valid: Valid.csv joined with ValidSolution.csv.
Target: log(SalePrice). Strings become codes (0 = missing or unseen; levels
sorted, except ProductSize, which is ordered Large < Large / Medium < Medium
< Small < Mini < Compact). The sale date becomes 13 parts as fastai's
add_datepart. Numeric columns with missing training values get the training
median and a 0/1 <col>_na column; so does a numeric column missing only in
the validation rows (MachineHoursCurrentMeter here), which gives 65 columns. YearMade < 1900 becomes 1950.
"""
import csv
import datetime
import math
import os

import numpy as np

NUMERIC = ["SalesID", "MachineID", "ModelID", "datasource", "auctioneerID",
           "YearMade", "MachineHoursCurrentMeter"]
PRODUCT_SIZE = ["Large", "Large / Medium", "Medium", "Small", "Mini", "Compact"]
DATE_PARTS = ["Year", "Month", "Week", "Day", "Dayofweek", "Dayofyear",
              "Is_month_end", "Is_month_start", "Is_quarter_end",
              "Is_quarter_start", "Is_year_end", "Is_year_start", "Elapsed"]


def data_dir():
    here = os.path.dirname(os.path.abspath(__file__))
    shared = os.path.join(here, "..", "..", "..", "shared", "data")
    root = os.environ.get("FASTGO_DATA") or shared
    return os.path.join(root, "bulldozers")


def read(path):
    with open(path, newline="") as f:
        return list(csv.DictReader(f))


def date_parts(y, m, d):
    day = datetime.date(y, m, d)
    nxt = day + datetime.timedelta(days=1)
    month_end = nxt.month != m
    quarter_end = month_end and m in (3, 6, 9, 12)
    elapsed = (datetime.datetime(y, m, d) - datetime.datetime(1970, 1, 1)).total_seconds()
    return [y, m, day.isocalendar()[1], d, day.weekday(),
            day.timetuple().tm_yday, int(month_end), int(d == 1),
            int(quarter_end), int(d == 1 and m in (1, 4, 7, 10)),
            int(m == 12 and d == 31), int(m == 1 and d == 1), elapsed]


def number(s):
    return float(s) if s != "" else math.nan


def load():
    root = data_dir()
    train = read(os.path.join(root, "train_tmp_subset14180.csv"))
    valid = read(os.path.join(root, "Valid.csv"))
    prices = {r["SalesID"]: float(r["SalePrice"])
              for r in read(os.path.join(root, "ValidSolution.csv"))}
    with open(os.path.join(root, "Valid.csv"), newline="") as f:
        base = [c for c in next(csv.reader(f)) if c != "saledate"]
    for r in train:
        r["_date"] = (int(r["saleYear"]), int(r["saleMonth"]), int(r["saleDay"]))
    for r in valid:
        m, d, y = r["saledate"].split()[0].split("/")
        r["_date"] = (int(y), int(m), int(d))
        r["SalePrice"] = prices[r["SalesID"]]
    cols, tr, va = [], [], []
    for c in base:
        if c in NUMERIC:
            t = [number(r[c]) for r in train]
            v = [number(r[c]) for r in valid]
        else:
            levels = PRODUCT_SIZE if c == "ProductSize" else sorted({r[c] for r in train} - {""})
            code = {lv: i + 1 for i, lv in enumerate(levels)}
            t = [code.get(r[c], 0) for r in train]
            v = [code.get(r[c], 0) for r in valid]
        cols.append(c)
        tr.append(t)
        va.append(v)
    tparts = [date_parts(*r["_date"]) for r in train]
    vparts = [date_parts(*r["_date"]) for r in valid]
    for k, p in enumerate(DATE_PARTS):
        cols.append("sale" + p)
        tr.append([row[k] for row in tparts])
        va.append([row[k] for row in vparts])
    Xt = np.array(tr, dtype=np.float64).T
    Xv = np.array(va, dtype=np.float64).T
    extra_t, extra_v = [], []
    for j, c in enumerate(list(cols)):
        nt, nv = np.isnan(Xt[:, j]), np.isnan(Xv[:, j])
        if not nt.any() and not nv.any():
            continue
        med = np.median(Xt[~nt, j])
        Xt[nt, j] = med
        Xv[nv, j] = med
        cols.append(c + "_na")
        extra_t.append(nt.astype(float))
        extra_v.append(nv.astype(float))
    if extra_t:
        Xt = np.column_stack([Xt] + extra_t)
        Xv = np.column_stack([Xv] + extra_v)
    ym = cols.index("YearMade")
    Xt[Xt[:, ym] < 1900, ym] = 1950
    Xv[Xv[:, ym] < 1900, ym] = 1950
    yt = np.log(np.array([float(r["SalePrice"]) for r in train]))
    yv = np.log(np.array([r["SalePrice"] for r in valid]))
    return Xt, yt, Xv, yv, cols


if __name__ == "__main__":
    Xt, yt, Xv, yv, cols = load()
    print(Xt.shape, Xv.shape, len(cols))
    print("column sums (train):", " ".join("%.6g" % s for s in Xt.sum(0)[:8]))
    print("y sums:", "%.6f %.6f" % (yt.sum(), yv.sum()))
