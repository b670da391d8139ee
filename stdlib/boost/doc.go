// Package boost fits gradient boosted regression trees.
//
// [Regressor] starts from the mean target and adds, round after round, a
// shallow tree (package tree) fitted to the current residuals, scaled by
// the learning rate. Training error keeps falling, while validation error
// reaches a minimum and then rises as the model overfits.
// [Regressor.FitValid] records both per round and, with Patience, stops
// early and keeps the best round.
//
//	m := &boost.Regressor{Rounds: 500, LearningRate: 0.1, MaxLeafNodes: 4, Patience: 20}
//	err := m.FitValid(X, y, validX, validY)
//	m.BestRound, m.ValidRMSE[m.BestRound-1]
//
// The loss is squared error only. scikit-learn's
// HistGradientBoostingRegressor also bins features and adds second-order
// steps and regularisation, which this package does not do.
package boost
