// Package metrics scores predictions and finds redundant features.
//
// # Scores
//
// [RMSE], [MAE], [R2] and [Accuracy] compare predictions with the truth,
// as scikit-learn's metrics of the same names. On log prices, RMSE is the
// RMSLE of the bulldozers competition.
//
//	fmt.Println(metrics.RMSE(rf.Predict(validX), validY))
//
// # Redundant features
//
// [Spearman] correlates the ranks of every pair of columns.
// [ClusterColumns] clusters columns on 1 − ρ with [AverageLinkage] and
// draws the dendrogram, as fastbook's cluster_columns: columns that merge
// near zero, such as ProductGroup and ProductGroupDesc, are candidates to
// drop.
//
//	p, _ := metrics.ClusterColumns(X, names)
//	p // the notebook draws the dendrogram
package metrics
