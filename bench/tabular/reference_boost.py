"""Print scikit-learn's gradient boosting figures on the bulldozers subset
that stdlib/boost's tests compare against.

Run: /usr/bin/python3 bench/tabular/reference_boost.py   (scikit-learn 1.2)
"""
import numpy as np
from sklearn.ensemble import GradientBoostingRegressor

import bulldozers


def rmse(p, y):
    return float(np.sqrt(((p - y) ** 2).mean()))


def main():
    Xt, yt, Xv, yv, _ = bulldozers.load()
    m = GradientBoostingRegressor(criterion="squared_error", n_estimators=100,
                                  learning_rate=0.1, max_depth=3, random_state=0).fit(Xt, yt)
    staged = [rmse(p, yt) for p in m.staged_predict(Xt)]
    print("GBR depth 3, 100 rounds: train %.6f valid %.6f" % (
        rmse(m.predict(Xt), yt), rmse(m.predict(Xv), yv)))
    print("train RMSE after rounds 1, 10, 50: %.6f %.6f %.6f" % (staged[0], staged[9], staged[49]))


if __name__ == "__main__":
    main()
