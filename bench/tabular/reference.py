"""Print scikit-learn's figures on the bulldozers subset that fastgo's tree,
forest and partial dependence tests compare against.

Run: /usr/bin/python3 bench/tabular/reference.py   (Debian's sklearn 1.2)
"""
import numpy as np
from sklearn.ensemble import RandomForestRegressor
from sklearn.inspection import partial_dependence
from sklearn.tree import DecisionTreeRegressor

import bulldozers


def rmse(p, y):
    return float(np.sqrt(((p - y) ** 2).mean()))


def main():
    Xt, yt, Xv, yv, cols = bulldozers.load()
    m = DecisionTreeRegressor(max_leaf_nodes=4, random_state=42).fit(Xt, yt)
    t = m.tree_
    print("4-leaf tree: node feature threshold mse samples value")
    for k in range(t.node_count):
        f = cols[t.feature[k]] if t.feature[k] >= 0 else "leaf"
        print(k, f, "%.6g" % t.threshold[k], "%.6f" % t.impurity[k],
              t.n_node_samples[k], "%.6f" % t.value[k][0][0],
              "children", t.children_left[k], t.children_right[k])
    print("4-leaf valid RMSE %.6f" % rmse(m.predict(Xv), yv))
    for msl in (1, 25):
        r = []
        for seed in (0, 1, 2):
            m = DecisionTreeRegressor(min_samples_leaf=msl, random_state=seed).fit(Xt, yt)
            r.append((m.get_n_leaves(), rmse(m.predict(Xt), yt), rmse(m.predict(Xv), yv)))
        print("tree min_samples_leaf=%d leaves/train/valid per seed:" % msl,
              " ".join("%d/%.6f/%.6f" % x for x in r))
    for seed in (0, 1, 2):
        rf = RandomForestRegressor(40, max_samples=0.5, max_features=0.5, min_samples_leaf=5,
                                   oob_score=True, n_jobs=-1, random_state=seed).fit(Xt, yt)
        print("forest seed %d train %.6f valid %.6f oob_rmse %.6f oob_r2 %.6f" % (
            seed, rmse(rf.predict(Xt), yt), rmse(rf.predict(Xv), yv),
            rmse(rf.oob_prediction_, yt), rf.oob_score_))
    ym = cols.index("YearMade")
    ps = cols.index("ProductSize")
    for f in (ym, ps):
        pd = partial_dependence(rf, Xv, [f], grid_resolution=20, kind="average")
        print("pdp grid", cols[f], " ".join("%.6g" % v for v in pd["values"][0]))


if __name__ == "__main__":
    main()
