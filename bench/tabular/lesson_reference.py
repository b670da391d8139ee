"""Run the steps of lessons/09_tabular.ipynb with scikit-learn on the same
rows and codes, and print the figures as a Markdown table for the lesson.

    FASTGO_DATA=/work/shared/data go run ./bench/tabular/lessondata /tmp/lesson09
    /usr/bin/python3 bench/tabular/lesson_reference.py /tmp/lesson09

scikit-learn 1.2 (Debian's python3-sklearn); random_state 42 everywhere.
"""
import csv
import sys

import numpy as np
from sklearn.ensemble import RandomForestRegressor
from sklearn.tree import DecisionTreeRegressor

SEED = 42


def read(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    names = rows[0][:-1]
    a = np.array(rows[1:], dtype=np.float64)
    return a[:, :-1], a[:, -1], names


def rmse(p, y):
    return float(np.sqrt(((p - y) ** 2).mean()))


def rf(X, y, n=40, max_samples=0.5, max_features=0.5, msl=5):
    return RandomForestRegressor(n, max_samples=max_samples, max_features=max_features,
                                 min_samples_leaf=msl, oob_score=True, n_jobs=-1,
                                 random_state=SEED).fit(X, y)


def cols(X, names, keep):
    return X[:, [names.index(c) for c in keep]]


def main(folder):
    Xt, yt, names = read(folder + "/train.csv")
    Xv, yv, _ = read(folder + "/valid.csv")
    out = []

    def row(step, what, value):
        out.append("| %s | %s | %s |" % (step, what, value))

    m = DecisionTreeRegressor(max_leaf_nodes=4, random_state=SEED).fit(Xt, yt)
    t = m.tree_
    splits = ", ".join("%s ≤ %g" % (names[t.feature[k]], t.threshold[k])
                       for k in range(t.node_count) if t.feature[k] >= 0)
    row(8, "4-leaf tree splits; valid RMSE", "%s; %.6f" % (splits, rmse(m.predict(Xv), yv)))
    m = DecisionTreeRegressor(random_state=SEED).fit(Xt, yt)
    row(10, "full tree: train, valid RMSE, leaves", "%.6f, %.6f, %d" % (
        rmse(m.predict(Xt), yt), rmse(m.predict(Xv), yv), m.get_n_leaves()))
    m = DecisionTreeRegressor(min_samples_leaf=25, random_state=SEED).fit(Xt, yt)
    row(11, "min_samples_leaf=25: train, valid, leaves", "%.6f, %.6f, %d" % (
        rmse(m.predict(Xt), yt), rmse(m.predict(Xv), yv), m.get_n_leaves()))

    m = rf(Xt, yt)
    row(12, "forest: train, valid RMSE", "%.6f, %.6f" % (rmse(m.predict(Xt), yt), rmse(m.predict(Xv), yv)))
    row(14, "OOB RMSE", "%.6f" % rmse(m.oob_prediction_, yt))
    per_tree = np.stack([e.predict(Xv) for e in m.estimators_])
    row(15, "std over trees, first 5 valid rows", " ".join("%.4f" % s for s in per_tree.std(0)[:5]))
    imp = sorted(zip(m.feature_importances_, names), reverse=True)
    row(16, "top 10 importances", ", ".join("%s %.4f" % (n, v) for v, n in imp[:10]))
    keep = [n for v, n in imp if v > 0.005]
    keep = [n for n in names if n in keep]
    m = rf(cols(Xt, names, keep), yt)
    row(17, "importance > 0.005: columns kept; train, valid", "%d; %.6f, %.6f" % (
        len(keep), rmse(m.predict(cols(Xt, names, keep)), yt), rmse(m.predict(cols(Xv, names, keep)), yv)))

    def oob(keep_cols):
        return rf(cols(Xt, names, keep_cols), yt, msl=15).oob_score_

    base = oob(keep)
    dropped = []
    for c in ["saleYear", "saleElapsed", "ProductGroupDesc", "ProductGroup", "fiModelDesc",
              "fiBaseModel", "Hydraulics_Flow", "Grouser_Tracks", "Coupler_System"]:
        if c in keep:
            dropped.append("%s %.5f" % (c, oob([k for k in keep if k != c])))
    row(19, "OOB R² (min_samples_leaf 15): all kept, then without each", "%.6f; %s" % (base, ", ".join(dropped)))
    final = [k for k in keep if k not in ("saleYear", "ProductGroupDesc", "fiBaseModel", "Grouser_Tracks")]
    m = rf(cols(Xt, names, final), yt)
    row(20, "final columns: count; OOB R² (msl 15); train, valid", "%d; %.6f; %.6f, %.6f" % (
        len(final), oob(final), rmse(m.predict(cols(Xt, names, final)), yt),
        rmse(m.predict(cols(Xv, names, final)), yv)))
    p = m.predict(cols(Xv, names, final))
    bias = np.mean([e.tree_.value[0][0][0] for e in m.estimators_])
    row(22, "row 0: prediction, bias, Σ contributions", "%.5f, %.5f, %.5f" % (p[0], bias, p[0] - bias))

    Xd = np.vstack([cols(Xt, names, final), cols(Xv, names, final)])
    yd = np.r_[np.zeros(len(yt)), np.ones(len(yv))]
    md = rf(Xd, yd)
    imp = sorted(zip(md.feature_importances_, final), reverse=True)
    row(24, "is-valid forest, top 6 importances", ", ".join("%s %.4f" % (n, v) for v, n in imp[:6]))
    drops = []
    for c in [None, "SalesID", "saleElapsed", "MachineID"]:
        k = [f for f in final if f != c]
        m = rf(cols(Xt, names, k), yt)
        drops.append("%.6f" % rmse(m.predict(cols(Xv, names, k)), yv))
    row(25, "valid RMSE: all, without SalesID / saleElapsed / MachineID", " / ".join(drops))
    k = [f for f in final if f not in ("SalesID", "MachineID")]
    m = rf(cols(Xt, names, k), yt)
    row(26, "without SalesID and MachineID: valid RMSE", "%.6f" % rmse(m.predict(cols(Xv, names, k)), yv))
    recent = Xt[:, names.index("saleYear")] > 2004
    m = rf(cols(Xt[recent], names, k), yt[recent])
    row(27, "trained on saleYear > 2004: train, valid", "%.6f, %.6f" % (
        rmse(m.predict(cols(Xt[recent], names, k)), yt[recent]), rmse(m.predict(cols(Xv, names, k)), yv)))

    print("| step | figure | scikit-learn 1.2 |")
    print("|---|---|---|")
    print("\n".join(out))


if __name__ == "__main__":
    main(sys.argv[1])
