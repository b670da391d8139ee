// Package collab is collaborative filtering on [nn]: encoding a ratings
// table, the fastai book's models (chapter 8, "Collaborative Filtering
// Deep Dive"), and tools to read what they learned. Cells import it as
// "fastgo/collab".
//
// # Data
//
// [NewData] encodes (user, item, rating) rows and splits them at random;
// [MovieLens] does it for MovieLens 100k with the film title as the item.
// As in fastai, the vocabularies come from the training rows only, so an
// item seen only in validation gets code 0, [NA].
//
//	d, err := collab.MovieLens(0.2, 42)
//	model := collab.NewDotProductBias(rand.NewSource(42), len(d.Users), len(d.Items), 50, 0, 5.5)
//	learn := nn.NewLearner(model, d.DataLoaders(64, 42), nn.MSE)
//	learn.WD = 0.1
//	err = learn.FitOneCycle(5, 5e-3)
//
// # Models
//
// [DotProduct] multiplies user and item factors; [DotProductBias] adds a
// bias per user and per item and is computed in one fused op, because it
// is the model trained most often. [nn.SigmoidRange] bounds both when
// YLo < YHi. The neural variant with concatenated embeddings and hidden
// layers is tabnet.Model with no continuous columns.
//
// # Interpretation
//
// Biases and factors are the Weight tensors of the embeddings. [TopK]
// ranks biases, [MostSimilar] finds the nearest items by cosine
// similarity, [PCA] projects factors on their principal components and
// [Scatter] draws them with labels. [Data.EmbeddingSizes] gives fastai's
// embedding widths for the neural model.
package collab
