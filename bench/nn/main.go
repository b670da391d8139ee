// Command nn trains the fastai book's DotProductBias on MovieLens 100k
// with fastgo/nn and reports seconds per epoch and the valid MSE after
// each epoch. With -export it also writes the encoded split as CSV, so
// collab_torch.py trains the same model on exactly the same rows.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"log"
	"math/rand"
	"os"
	"sort"
	"time"

	"fastgo/stdlib/collab"
	"fastgo/stdlib/nn"
)

func main() {
	export := flag.String("export", "", "write the encoded split to this CSV file")
	epochs := flag.Int("epochs", 5, "number of epochs")
	flag.Parse()

	data, err := collab.MovieLens(0.2, 42)
	if err != nil {
		log.Fatal(err)
	}
	if *export != "" {
		if err := writeSplit(*export, data); err != nil {
			log.Fatal(err)
		}
	}
	model := collab.NewDotProductBias(rand.NewSource(42), len(data.Users), len(data.Items), 50, 0, 5.5)
	learn := nn.NewLearner(model, data.DataLoaders(64, 42), nn.MSE)
	learn.WD, learn.Quiet = 0.1, true
	start := time.Now()
	if err := learn.FitOneCycle(*epochs, 5e-3); err != nil {
		log.Fatal(err)
	}
	total := time.Since(start)
	var times []float64
	for _, e := range learn.History {
		fmt.Printf("epoch %d  train %.6f  valid %.6f  %.3fs\n", e.Epoch, e.TrainLoss, e.ValidLoss, e.Time.Seconds())
		times = append(times, e.Time.Seconds())
	}
	sort.Float64s(times)
	fmt.Printf("fastgo: median %.4f s/epoch, mean %.4f, final valid MSE %.6f\n",
		times[len(times)/2], total.Seconds()/float64(*epochs), learn.History[len(learn.History)-1].ValidLoss)
}

// writeSplit writes one "user,item,rating,is_valid" line per rating.
func writeSplit(path string, d *collab.Data) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	fmt.Fprintf(w, "n_users,%d,n_items,%d\n", len(d.Users), len(d.Items))
	for valid, xy := range [][2]*nn.Tensor{{d.TrainX, d.TrainY}, {d.ValidX, d.ValidY}} {
		x, y := xy[0], xy[1]
		for i := 0; i < x.Dim(0); i++ {
			fmt.Fprintf(w, "%d,%d,%g,%d\n", int(x.Data[2*i]), int(x.Data[2*i+1]), y.Data[i], valid)
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
