// Package vision loads MNIST and shows images and convolution kernels in a
// notebook. Cells import it as "fastgo/vision".
//
// # Data
//
// [MNIST] reads the four IDX files from the datasets cache into two
// [Dataset] values: 60,000 training and 10,000 test images of 28×28 raw
// 0–255 pixels. [MNISTSample] returns fast.ai's MNIST_SAMPLE, the 3s and 7s
// only (train 6,131 + 6,265, valid 1,010 + 1,028), labelled 0 for "3" and 1
// for "7". Dataset.Source keeps each image's index in the MNIST file, which
// is the number fast.ai's sample uses as the PNG name: train/3/12.png is
// MNIST training image 12.
//
//	train, valid, err := vision.MNISTSample()
//	im3 := train.Image(train.Find(12)) // raw 0–255 pixels
//	im3.Crop(4, 10, 4, 10)             // prints as a table of pixels
//	train.Show(0, 8, 4)                // a 2×4 grid of digits
//
// # Kernels
//
// [ApplyKernel] multiplies a kernel with the patch around one pixel and sums
// the products; [Convolve] does it at every position that fits.
// [TopEdge], [LeftEdge], [Diag1] and [Diag2] are the 3×3 edge kernels of
// fastbook chapter 13.
//
//	vision.ApplyKernel(im3, 5, 7, vision.TopEdge) // 762
//	vision.Convolve(im3, vision.TopEdge)          // a 26×26 edge map
//
// # Tensors
//
// [Dataset.Tensors] converts a dataset to fastgo/nn tensors: images
// [N, 1, 28, 28] scaled to [0, 1] and labels [N]. [DataLoaders] wraps two
// datasets in nn loaders, optionally normalized with the training set's
// mean and standard deviation. [KernelTensor] stacks kernels into conv
// weights [K, 1, 3, 3], and [Channel] turns one channel of a conv output
// back into an image.
//
//	x, _ := train.Tensors()
//	maps := nn.Conv(x, vision.KernelTensor(vision.EdgeKernels()...), nil, 1, 0)
//	vision.Channel(maps, 0, 0) // the top edges of the first digit
//
// # Display
//
// [Gray] and [Grid] have a PNG method, so a cell that ends with one shows
// a picture, drawn with white for the smallest value and black for the
// largest like matplotlib's "Greys" colour map. [DisplayScale] sets how
// many screen pixels one image pixel covers.
package vision
