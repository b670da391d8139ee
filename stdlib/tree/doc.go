// Package tree fits CART decision trees for regression and classification,
// the building block of packages forest and boost.
//
// # Models
//
// [Regressor] minimises squared error and predicts the mean of a leaf;
// [Classifier] minimises Gini impurity and predicts the class proportions
// of a leaf. Both follow scikit-learn's DecisionTreeRegressor and
// DecisionTreeClassifier (version 1.2): thresholds sit halfway between
// adjacent values, MinSamplesLeaf is a count or a fraction (ceil(f·n)),
// MaxFeatures is a fraction (max(1, ⌊f·p⌋)) or a count drawn afresh at
// every split, and MaxLeafNodes grows the tree best-first. As in
// scikit-learn, a node draws MaxFeatures columns, counting those that
// are constant in it, and draws more only while all drawn were constant.
//
//	m := &tree.Regressor{Options: tree.Options{MaxLeafNodes: 4}, FeatureNames: names}
//	if err := m.Fit(X, y); err != nil { ... }
//	m          // a notebook draws the tree (SVG)
//	fmt.Print(m) // one line per node: split, mse, samples, value
//
// # Split search
//
// [NewData] ranks each column once. A node is split by scanning each
// candidate column in value order. The scan uses a histogram over the
// column's distinct values or sorts the node's ranks, whichever is
// cheaper, and both find the exact split of a sort-based search. Reuse
// one [Data] to fit many trees, as forests and boosting do.
//
// Data of up to 2²² entries is split through presorted row lists. On
// larger data whose columns all have at most 256 distinct values (pixels,
// for instance), classification with integer weights such as bootstrap
// counts keeps the Gini sums in integers. Grown without MaxLeafNodes,
// such a tree reads the rows of its small nodes from a row-major copy of
// the ranks, which the [Data] builds once and keeps: one more byte per
// entry, for data of up to 2²⁸ entries.
//
// # Differences from scikit-learn
//
// scikit-learn stores X as float32. It also splits nodes whose targets
// are all equal when rounding leaves their impurity a little above zero.
// This package computes in float64 and leaves such pure nodes alone, so
// its unlimited trees have a few percent fewer leaves. Ties
// between equally good splits are broken by a different random stream.
// Missing values are rejected: fill them before fitting.
package tree
