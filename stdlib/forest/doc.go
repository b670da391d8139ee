// Package forest fits random forests of CART trees (package tree) for
// regression and classification, and interprets them.
//
// # Models
//
// [Regressor] and [Classifier] follow scikit-learn's RandomForestRegressor
// and RandomForestClassifier (version 1.2): every tree is grown on a
// bootstrap sample of MaxSamples rows (a count, or round(f·n) for a
// fraction) and tries MaxFeatures columns at each split. Trees are fitted
// in parallel on all cores, each from a seed derived from Options.Seed, so
// a forest is the same whatever the number of workers. A progress bar
// shows in the notebook, and interrupting the cell stops fitting with
// cell.ErrInterrupted.
//
//	rf := &forest.Regressor{Options: forest.Options{NTrees: 40, MaxSamples: 0.5,
//		MaxFeatures: 0.5, MinSamplesLeaf: 5, OOB: true}}
//	err := rf.Fit(X, y)
//	preds := rf.Predict(validX)
//	rf.OOBScore // R² of the out-of-bag predictions
//
// # Interpretation
//
//   - [Regressor.PredictTrees]: each tree's prediction, whose spread per
//     row shows how confident the forest is.
//   - [Regressor.Importances]: the mean decrease of impurity per feature,
//     normalised to sum to 1.
//   - [PartialDependence]: the mean prediction as one column sweeps a grid
//     chosen by [PDPGrid], with the rule of scikit-learn's
//     partial_dependence.
//   - [Regressor.Contributions]: the tree interpreter (the treeinterpreter
//     package's method): each prediction split into the mean of the root
//     values plus one contribution per feature.
//
// # Saving
//
// [Regressor.Save] and [LoadRegressor] store a forest with encoding/gob,
// writing a temporary file and renaming it.
package forest
