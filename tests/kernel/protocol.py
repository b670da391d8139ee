"""Drive a fastgo kernel through jupyter_client and print what it replied.

Usage: protocol.py KERNEL_NAME
JUPYTER_PATH must contain the kernelspec. The script prints one JSON object
with a key per check; kernel_test.go asserts on it, so this script only
collects replies and iopub messages.
"""

import json
import os
import signal
import sys
import time

import zmq
from jupyter_client.manager import KernelManager
from jupyter_client.session import Session

TIMEOUT = 60


def collect(kc, msg_id, timeout=TIMEOUT):
    """Return the iopub messages of a request, from busy to idle inclusive."""
    msgs = []
    deadline = time.time() + timeout
    while time.time() < deadline:
        msg = kc.get_iopub_msg(timeout=max(0.1, deadline - time.time()))
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        msgs.append({"msg_type": msg["msg_type"], "content": msg["content"]})
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            return msgs
    raise TimeoutError(f"no status idle for {msg_id}")


def shell_reply(kc, msg_id, timeout=TIMEOUT):
    while True:
        reply = kc.get_shell_msg(timeout=timeout)
        if reply["parent_header"].get("msg_id") == msg_id:
            return {"msg_type": reply["msg_type"], "content": reply["content"]}


def request(kc, msg_id):
    return {"reply": shell_reply(kc, msg_id), "iopub": collect(kc, msg_id)}


def execute(kc, code, **kwargs):
    return request(kc, kc.execute(code, **kwargs))


def send_raw(port, session, msg_type, content):
    """Send a request on a fresh DEALER socket and return the socket."""
    sock = zmq.Context.instance().socket(zmq.DEALER)
    sock.linger = 0
    sock.connect(f"tcp://127.0.0.1:{port}")
    msg = session.msg(msg_type, content)
    session.send(sock, msg)
    return sock, msg["header"]["msg_id"]


def no_reply(sock, seconds=1.0):
    return sock.poll(int(seconds * 1000)) == 0


def check_signatures(km, kc, out):
    """A wrong or missing signature is dropped; the next valid request runs."""
    info = km.get_connection_info()
    wrong = Session(key=b"not-the-key", signature_scheme="hmac-sha256")
    sock, bad_id = send_raw(info["shell_port"], wrong, "execute_request",
                            {"code": "badlySigned := 1", "silent": False})
    unsigned = Session(key=b"")
    sock2, unsigned_id = send_raw(info["shell_port"], unsigned, "kernel_info_request", {})
    out["bad_signature_no_reply"] = no_reply(sock) and no_reply(sock2)
    after = execute(kc, "badlySigned")
    out["after_bad_signature"] = after
    iopub_parents = set()
    while True:
        try:
            msg = kc.get_iopub_msg(timeout=0.2)
        except Exception:
            break
        iopub_parents.add(msg["parent_header"].get("msg_id"))
    out["bad_signature_iopub"] = bad_id in iopub_parents or unsigned_id in iopub_parents
    sock.close()
    sock2.close()


def check_unknown_type(km, kc, out):
    info = km.get_connection_info()
    sock, _ = send_raw(info["shell_port"], kc.session, "no_such_request", {})
    out["unknown_type_no_reply"] = no_reply(sock)
    sock.close()
    out["after_unknown_type"] = shell_reply(kc, kc.kernel_info())["content"]["status"]


def check_heartbeat(km, out):
    info = km.get_connection_info()
    sock = zmq.Context.instance().socket(zmq.REQ)
    sock.linger = 0
    sock.connect(f"tcp://127.0.0.1:{info['hb_port']}")
    sock.send(b"ping-42")
    out["heartbeat"] = sock.recv().decode() if sock.poll(5000) else None
    sock.close()


def check_stop_on_error(kc, out):
    failing = kc.execute('import "time"\ntime.Sleep(700 * time.Millisecond)\npanic("boom")')
    queued = kc.execute("queuedValue := 1\nqueuedValue")
    out["stop_on_error_failing"] = request(kc, failing)
    out["stop_on_error_queued"] = request(kc, queued)
    out["after_abort"] = execute(kc, "2 + 3")


def check_interrupt(km, kc, out, how):
    """Interrupt a looping cell once its first output shows it is running."""
    code = 'import "fmt"\nimport "time"\nfmt.Println("looping")\nfor {\n\ttime.Sleep(time.Millisecond)\n}'
    msg_id = kc.execute(code)
    msgs = []
    while not any(m["msg_type"] == "stream" for m in msgs):
        msg = kc.get_iopub_msg(timeout=TIMEOUT)
        if msg["parent_header"].get("msg_id") == msg_id:
            msgs.append({"msg_type": msg["msg_type"], "content": msg["content"]})
    if how == "message":
        km.interrupt_kernel()  # the kernelspec says interrupt_mode "message"
    else:
        km.signal_kernel(signal.SIGINT)
    reply = shell_reply(kc, msg_id)
    out[f"interrupt_{how}"] = {"reply": reply, "iopub": msgs + collect(kc, msg_id)}


def check_stdin(kc, out):
    msg_id = kc.execute('import "fmt"\nvar name string\nfmt.Scanln(&name)\nfmt.Println("hello", name)',
                        allow_stdin=True)
    req = kc.get_stdin_msg(timeout=TIMEOUT)
    out["input_request"] = {"msg_type": req["msg_type"], "content": req["content"],
                            "parent": req["parent_header"].get("msg_id") == msg_id}
    kc.input("gopher")
    out["stdin"] = request(kc, msg_id)
    out["stdin_not_allowed"] = execute(kc, "var other string\nfmt.Scanln(&other)", allow_stdin=False)


def check_comm(kc, out):
    out["comm_info"] = request(kc, kc.comm_info())
    msg = kc.session.msg("comm_open", {"comm_id": "comm-1", "target_name": "no.such.target", "data": {}})
    kc.shell_channel.send(msg)
    out["comm_open"] = collect(kc, msg["header"]["msg_id"])


def check_shutdown(km, kc, out):
    kc.execute("restartMarker := 1")
    km.restart_kernel(now=False)
    kc.wait_for_ready(timeout=TIMEOUT)
    out["after_restart"] = execute(kc, "7 * 6")
    msg_id = kc.shutdown(restart=False)
    reply = kc.get_control_msg(timeout=TIMEOUT)
    out["shutdown_reply"] = {"msg_type": reply["msg_type"], "content": reply["content"]}
    deadline = time.time() + 15
    while km.is_alive() and time.time() < deadline:
        time.sleep(0.1)
    out["alive_after_shutdown"] = km.is_alive()
    out["exit_code"] = km.provisioner.process.poll() if km.provisioner and km.provisioner.process else None


def main():
    out = {}
    km = KernelManager(kernel_name=sys.argv[1])
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    try:
        kc.wait_for_ready(timeout=TIMEOUT)
        out["kernel_info"] = request(kc, kc.kernel_info())
        out["value"] = execute(kc, "x := 40\nx + 2")
        out["stream"] = execute(kc, 'import "fmt"\nfmt.Println("hi")')
        out["compile_error"] = execute(kc, "y := undefinedName + 1")
        out["silent"] = execute(kc, "silentValue := 5\nsilentValue", silent=True)
        out["no_history"] = execute(kc, "x", store_history=False)
        out["display"] = execute(kc, 'import "fastgo/display"\nh := display.NewHandle()\nh.Show("first")\nh.Update("second")')
        out["is_complete"] = {code: request(kc, kc.is_complete(code))["reply"]["content"]
                              for code in ["x := 1", "for {", "x := )"]}
        out["complete"] = request(kc, kc.complete("fmt.Pri", 7))
        out["inspect"] = request(kc, kc.inspect("fmt.Println", 6, detail_level=0))
        out["history_tail"] = request(kc, kc.history(hist_access_type="tail", n=2, output=True))
        out["history_range"] = request(kc, kc.history(hist_access_type="range", session=0, start=1, stop=3))
        out["history_search"] = request(kc, kc.history(hist_access_type="search", pattern="x*", unique=True))
        check_comm(kc, out)
        check_signatures(km, kc, out)
        check_unknown_type(km, kc, out)
        check_heartbeat(km, out)
        check_stop_on_error(kc, out)
        check_interrupt(km, kc, out, "message")
        check_interrupt(km, kc, out, "signal")
        check_stdin(kc, out)
        check_shutdown(km, kc, out)
    except Exception as exc:  # report what was collected so far
        out["exception"] = f"{type(exc).__name__}: {exc}"
    finally:
        kc.stop_channels()
        if km.is_alive():
            km.shutdown_kernel(now=True)
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
