"""Send hostile messages to the fastgo kernel through pyzmq (libzmq).

Usage: /usr/bin/python3 pyzmq_hostile.py FASTGO_BINARY

The Go tests in this folder build their bad messages with go-zeromq.
This script repeats the main cases with libzmq, the ZeroMQ that Jupyter
front ends use, and signs with jupyter_client's Session. It prints one
line per case and exits with status 1 when any case fails.
"""

import json
import os
import sys
import tempfile

import zmq
from jupyter_client.manager import KernelManager
from jupyter_client.session import Session

TIMEOUT = 60


def start(fastgo):
    root = tempfile.mkdtemp(prefix="fastgo-pyzmq-")
    folder = os.path.join(root, "kernels", "fastgo-hostile")
    os.makedirs(folder)
    with open(os.path.join(folder, "kernel.json"), "w") as f:
        json.dump({"argv": [fastgo, "kernel", "{connection_file}"], "display_name": "fastgo hostile",
                   "language": "go", "interrupt_mode": "message"}, f)
    os.environ["JUPYTER_PATH"] = root
    km = KernelManager(kernel_name="fastgo-hostile")
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=TIMEOUT)
    return km, kc


class Raw:
    """DEALER sockets on shell and control that send prepared frames."""

    def __init__(self, km):
        self.ctx = zmq.Context()
        self.session = Session(key=km.session.key, signature_scheme="hmac-sha256")
        self.shell = self.connect(km, km.shell_port)
        self.control = self.connect(km, km.control_port)

    def connect(self, km, port):
        s = self.ctx.socket(zmq.DEALER)
        s.linger = 0
        s.connect(f"tcp://{km.ip}:{port}")
        return s

    def frames(self, msg_type, content):
        msg = self.session.msg(msg_type, content)
        return msg["header"]["msg_id"], self.session.serialize(msg)

    def replies(self, sock, msg_id, wait_ms):
        """Replies to msg_id that arrive on sock within wait_ms."""
        found = []
        while sock.poll(wait_ms):
            _, msg = self.session.feed_identities(sock.recv_multipart())
            msg = self.session.deserialize(msg)
            if msg["parent_header"].get("msg_id") == msg_id:
                found.append(msg["msg_type"])
                wait_ms = 500
        return found


def serves(kc):
    """True when the kernel still runs a cell with the expected result."""
    reply = kc.execute_interactive("6 * 7", timeout=TIMEOUT, output_hook=lambda m: None)
    return reply["content"]["status"] == "ok"


def case_bad_signature(raw):
    msg_id, frames = raw.frames("kernel_info_request", {})
    frames[1] = b"0" * 64
    raw.shell.send_multipart(frames)
    return raw.replies(raw.shell, msg_id, 1000) == []


def case_replay(raw):
    msg_id, frames = raw.frames("kernel_info_request", {})
    raw.shell.send_multipart(frames)
    raw.shell.send_multipart(frames)
    return raw.replies(raw.shell, msg_id, 3000) == ["kernel_info_reply"]


def case_execute_on_control(raw):
    msg_id, frames = raw.frames("execute_request", {"code": "controlRan := 1"})
    raw.control.send_multipart(frames)
    return raw.replies(raw.control, msg_id, 1000) == []


def case_truncated(raw):
    msg_id, frames = raw.frames("kernel_info_request", {})
    raw.shell.send_multipart(frames[:3])
    return raw.replies(raw.shell, msg_id, 1000) == []


def case_oversize(raw):
    big = "a" * (100 << 20)
    msg_id, frames = raw.frames("execute_request", {"code": big})
    raw.shell.send_multipart(frames)
    return raw.replies(raw.shell, msg_id, 3000) == []


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    km, kc = start(os.path.abspath(sys.argv[1]))
    failed = 0
    try:
        raw = Raw(km)
        for case in [case_bad_signature, case_replay, case_execute_on_control, case_truncated, case_oversize]:
            ok = case(raw) and serves(kc)
            print(f"{case.__name__[5:]}: {'ok' if ok else 'FAILED'}")
            failed += not ok
        reply = kc.execute_interactive("controlRan", timeout=TIMEOUT, output_hook=lambda m: None)
        ok = reply["content"]["status"] == "error"
        print(f"control cell did not run: {'ok' if ok else 'FAILED'}")
        failed += not ok
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
