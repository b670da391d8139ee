// Package notebook reads, validates and writes Jupyter notebooks in
// nbformat 4, and runs their code cells on a fastgo kernel.
//
// # Reading and writing
//
// [ReadFile] checks the notebook's structure and reports the file and the
// cell index of the first problem. [WriteFile] writes the way nbformat
// does (sorted keys, one-space indent, text split into lines), through a
// temp file that is synced and renamed over the target, so a crash or a
// failed write leaves the previous file whole.
//
//	nb, err := notebook.ReadFile("lesson.ipynb")
//	if err != nil { ... }
//	err = notebook.WriteFile("lesson.out.ipynb", nb)
//
// # Running
//
// [Run] executes the code cells in order through a [kernel.Client],
// replaces their outputs and execution counts, merges consecutive stream
// outputs of the same name and applies update_display_data to earlier
// outputs, as nbclient does. It stops at the first failing cell and
// returns a [*CellError] naming it.
//
//	c, err := kernel.StartClient(ctx, []string{"fastgo", "kernel", "{connection_file}"}, kernel.ClientOptions{})
//	if err != nil { ... }
//	defer c.Close()
//	err = notebook.Run(ctx, nb, c, notebook.RunOptions{Timeout: time.Minute, Progress: os.Stderr})
package notebook
