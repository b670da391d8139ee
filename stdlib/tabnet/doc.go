// Package tabnet is a neural net for tables: fastai's TabularModel, with
// an embedding per categorical column (entity embeddings, Guo and
// Berkhahn 2016), batch-normalised continuous columns and hidden blocks
// of Linear, ReLU and BatchNorm1d. Cells import it as "fastgo/tabnet".
//
// # Input
//
// A batch is one [nn.Tensor] of shape [rows, categorical+continuous]:
// the category codes first (as float32, code 0 for missing or unseen
// levels), then the continuous values, normalised beforehand. [Tensor]
// builds it from code and value columns.
//
//	m, err := tabnet.New(rand.NewSource(42), tabnet.Config{
//		Cardinalities: []int{73, 6, 5281},
//		NumCont:       1,
//		Layers:        []int{500, 250},
//		YLo:           8, YHi: 12,
//	})
//	learn := nn.NewLearner(m, dls, nn.MSE)
//	err = learn.FitOneCycle(5, 1e-2)
//
// # Embeddings for other models
//
// [Model.EmbedColumn] replaces a column of codes by the rows of its
// trained embedding, so a random forest can use them as features.
package tabnet
