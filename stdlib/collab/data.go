package collab

import (
	"fmt"
	"sort"
	"strconv"

	"fastgo/stdlib/datasets"
	"fastgo/stdlib/nn"
)

// NA is the name of the code 0 of each vocabulary, which stands for a
// user or item that the training set does not contain.
const NA = "#na#"

// Data is a ratings table encoded for training: each row of X is a
// (user code, item code) pair stored as float32, and Y holds the rating.
// Codes index Users and Items. As in fastai, both vocabularies are built
// from the training rows only, sorted, with [NA] at code 0. A validation
// row whose item never appears in training therefore gets code 0.
type Data struct {
	Users, Items         []string
	TrainX, TrainY       *nn.Tensor
	ValidX, ValidY       *nn.Tensor
	userIndex, itemIndex map[string]int
}

// NewData encodes the ratings, sending a random validPct of the rows
// (drawn from seed, as [nn.RandomSplit] does) to the validation set.
// users, items and ratings must have the same length.
func NewData(users, items []string, ratings []float64, validPct float64, seed int64) (*Data, error) {
	n := len(users)
	if len(items) != n || len(ratings) != n {
		return nil, fmt.Errorf("collab: %d users, %d items and %d ratings: the three lists must have the same length", n, len(items), len(ratings))
	}
	if n == 0 {
		return nil, fmt.Errorf("collab: no ratings")
	}
	train, valid := nn.RandomSplit(n, validPct, seed)
	d := &Data{}
	d.Users, d.userIndex = vocab(users, train)
	d.Items, d.itemIndex = vocab(items, train)
	d.TrainX, d.TrainY = d.encode(users, items, ratings, train)
	d.ValidX, d.ValidY = d.encode(users, items, ratings, valid)
	return d, nil
}

// vocab returns the sorted distinct values of the given rows with NA
// first, and the code of each value.
func vocab(values []string, rows []int) ([]string, map[string]int) {
	seen := map[string]bool{}
	for _, r := range rows {
		seen[values[r]] = true
	}
	out := make([]string, 0, len(seen)+1)
	for v := range seen {
		out = append(out, v)
	}
	sortNatural(out)
	out = append([]string{NA}, out...)
	index := make(map[string]int, len(out))
	for i, v := range out {
		index[v] = i
	}
	return out, index
}

// sortNatural sorts numerically when every value is an integer, as
// fastai sorts an integer column's classes, and as strings otherwise.
func sortNatural(values []string) {
	nums := make([]int, len(values))
	for i, v := range values {
		x, err := strconv.Atoi(v)
		if err != nil {
			sort.Strings(values)
			return
		}
		nums[i] = x
	}
	sort.Ints(nums)
	for i, x := range nums {
		values[i] = strconv.Itoa(x)
	}
}

func (d *Data) encode(users, items []string, ratings []float64, rows []int) (x, y *nn.Tensor) {
	x, y = nn.Zeros(len(rows), 2), nn.Zeros(len(rows), 1)
	for i, r := range rows {
		x.Data[2*i] = float32(d.userIndex[users[r]])
		x.Data[2*i+1] = float32(d.itemIndex[items[r]])
		y.Data[i] = float32(ratings[r])
	}
	return x, y
}

// DataLoaders returns shuffled training and ordered validation loaders.
func (d *Data) DataLoaders(batchSize int, seed int64) *nn.DataLoaders {
	return nn.NewDataLoaders(d.TrainX, d.TrainY, d.ValidX, d.ValidY, batchSize, seed)
}

// ItemCode returns the code of item, or 0 ([NA]) if training never saw it.
func (d *Data) ItemCode(item string) int { return d.itemIndex[item] }

// UserCode returns the code of user, or 0 ([NA]) if training never saw it.
func (d *Data) UserCode(user string) int { return d.userIndex[user] }

// MovieLens reads MovieLens 100k through the datasets package and encodes
// it with the movie title as the item, as the fastai book does.
func MovieLens(validPct float64, seed int64) (*Data, error) {
	r, err := datasets.MovieLensRatings()
	if err != nil {
		return nil, err
	}
	titles, err := datasets.MovieLensTitles()
	if err != nil {
		return nil, err
	}
	users := make([]string, r.Len())
	items := make([]string, r.Len())
	for i := range users {
		users[i] = strconv.Itoa(r.Users[i])
		t, ok := titles[r.Movies[i]]
		if !ok {
			return nil, fmt.Errorf("collab: movie %d of rating %d has no title in u.item", r.Movies[i], i)
		}
		items[i] = t
	}
	return NewData(users, items, r.Stars, validPct, seed)
}
