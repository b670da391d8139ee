"""Print scipy's Spearman correlations and average-linkage merges for a few
bulldozers columns, which stdlib/metrics' tests compare against.

Run: /usr/bin/python3 bench/tabular/reference_cluster.py   (scipy 1.10)
"""
import numpy as np
import scipy.cluster.hierarchy as hc
import scipy.stats

import bulldozers

COLUMNS = ["YearMade", "ProductGroup", "ProductGroupDesc", "saleYear",
           "saleElapsed", "fiModelDesc", "fiBaseModel", "Coupler_System"]


def main():
    Xt, _, _, _, cols = bulldozers.load()
    X = Xt[:, [cols.index(c) for c in COLUMNS]]
    corr = np.round(scipy.stats.spearmanr(X).correlation, 4)
    print("rho(saleYear, saleElapsed) %.4f" % corr[3, 4])
    print("rho(fiModelDesc, fiBaseModel) %.4f" % corr[5, 6])
    print("rho(YearMade, Coupler_System) %.4f" % corr[0, 7])
    z = hc.linkage(hc.distance.squareform(1 - corr), method="average")
    for row in z:
        print("merge %d %d at %.6f" % (row[0], row[1], row[2]))


if __name__ == "__main__":
    main()
