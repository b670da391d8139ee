// Package kernel implements the Jupyter messaging protocol 5.3 for fastgo:
// the kernel side that serves cells through an [Evaluator], and a [Client]
// that starts and drives a kernel process.
//
// # Serving a kernel
//
// Jupyter starts "fastgo kernel CONNECTION_FILE". The connection file
// names five sockets, all bound to the address in the file and nowhere
// else:
//
//   - shell (ROUTER): requests run one at a time, in arrival order;
//   - control (ROUTER): served concurrently, so interrupt_request and
//     shutdown_request work while a cell runs. It serves those two and
//     kernel_info_request, and logs and drops any other request;
//   - iopub (PUB): status busy and idle around every request, and the
//     cell's execute_input, stream, display_data, update_display_data,
//     execute_result and error messages;
//   - stdin (ROUTER): input_request to the client that sent the cell;
//   - heartbeat: echoes every message.
//
// A client that announces a message over [MaxMessageSize] bytes has its
// connection closed, with a log line, before the kernel allocates the
// message. So does a client that accepts no data for 20 seconds, because
// one iopub subscriber that stops reading would otherwise stop iopub for
// every client.
//
// Serve it with:
//
//	info, err := kernel.ReadConnectionFile(path)
//	if err != nil { ... }
//	k, err := kernel.New(info, evaluator, kernel.Options{Logger: logger, Version: "0.1.0"})
//	if err != nil { ... }
//	err = k.Run(ctx) // returns after shutdown_request or when ctx ends
//
// # Signatures
//
// Every message carries an HMAC-SHA256 of its header, parent header,
// metadata and content, keyed with the connection file's key. The kernel
// checks it in constant time and drops a message whose signature is
// missing or wrong, logging its msg_id, before acting on it. It also drops
// and logs a replayed message: one whose msg_id and signature it has
// already received in this session, among the last 65536 messages. An
// empty key turns signing off, which the protocol allows; the kernel logs
// a warning.
//
// # Execution
//
// A silent execute_request publishes only its status on iopub, as the
// protocol specifies: no execute_input, stream, display, execute_result or
// error. It leaves the execution count alone. store_history adds the cell
// to the in-memory history that history_request searches (tail, range,
// and search with a glob pattern). When a cell fails and the request had stop_on_error, execute requests
// that arrived before the failure get a reply with status "aborted"
// without running. Other queued requests, such as complete_request, still
// run. The kernel replies to comm_open with comm_close, because it has no
// comm targets.
//
// # Client
//
// [StartClient] writes a connection file with free 127.0.0.1 ports and a
// random key (owner-only, in a temp folder), starts the kernel command and
// waits for its kernel_info_reply. [Client.Execute] returns a cell's
// outputs in order, and [Client.Interrupt], [Client.Shutdown] and
// [Client.Heartbeat] drive the rest. On Linux the kernel runs in its own process group and
// receives SIGTERM if the client dies, so it does not outlive it.
//
//	c, err := kernel.StartClient(ctx, []string{"fastgo", "kernel", "{connection_file}"}, kernel.ClientOptions{})
//	if err != nil { ... }
//	defer c.Close()
//	ex, err := c.Execute(ctx, "x := 40\nx + 2", kernel.ExecuteOptions{})
//
// # Logging
//
// The kernel logs through log/slog: start (with ports), stop, every
// dropped or failed message with its msg_id, and every message sent or
// received at Debug. The key is never logged.
package kernel
