"""Soak the fastgo kernel with execute requests from jupyter_client.

Usage: /usr/bin/python3 soak.py FASTGO_BINARY [REQUESTS] [CLIENTS]

The script starts one kernel, warms it up, then sends REQUESTS (default
10000) execute requests in a row from one client, then REQUESTS more
split among CLIENTS (default 4) clients connected at once, each in its
own thread. Every cell increments a counter, so the final count proves
that no request was lost or run twice. It records the RSS and the open
file descriptors of the kernel and its worker at the start and after
each phase, and prints them as JSON. It exits with status 1 when a reply
failed, the count is wrong, or growth exceeds the bounds below.
"""

import json
import os
import sys
import tempfile
import threading
import time

from jupyter_client.manager import KernelManager

TIMEOUT = 120
WARMUP = 200

# Growth bounds from the warmed-up start to the end. RSS may grow by a
# fixed allowance plus a per-request one, because memory grows with every
# cell: the worker by about 4.3 KiB (yaegi keeps state for each evaluated
# cell) and the kernel by about 0.7 KiB (history and the replay window),
# measured over 4,000 cells of "soakCount++" on 2026-12-04. A leak of one
# 8 KiB output buffer per request would exceed the bound.
RSS_GROWTH_BASE_KIB = 16 * 1024
RSS_GROWTH_PER_REQUEST_KIB = 8
MAX_FD_GROWTH = 16


def write_kernelspec(root, fastgo):
    folder = os.path.join(root, "kernels", "fastgo-soak")
    os.makedirs(folder, exist_ok=True)
    spec = {"argv": [fastgo, "kernel", "{connection_file}"], "display_name": "fastgo soak",
            "language": "go", "interrupt_mode": "message"}
    with open(os.path.join(folder, "kernel.json"), "w") as f:
        json.dump(spec, f)


def descendants(pid):
    """pid and all its descendants, from /proc."""
    pids, todo = [], [pid]
    while todo:
        p = todo.pop()
        pids.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo.extend(int(c) for c in f.read().split())
        except FileNotFoundError:
            pass
    return pids


def usage(pid):
    """RSS in KiB and open file descriptors of pid and its descendants, in
    total and per process (named by its fastgo subcommand)."""
    out = {"processes": 0, "rss_kib": 0, "fds": 0}
    for p in descendants(pid):
        try:
            with open(f"/proc/{p}/cmdline") as f:
                args = f.read().split("\0")
            rss = 0
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        rss = int(line.split()[1])
            fds = len(os.listdir(f"/proc/{p}/fd"))
        except FileNotFoundError:
            continue
        role = args[1] if len(args) > 1 else str(p)
        out[role] = {"rss_kib": rss, "fds": fds}
        out["rss_kib"] += rss
        out["fds"] += fds
        out["processes"] += 1
    return out


def connect(km):
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=TIMEOUT)
    return kc


def run_cell(kc, code):
    """Execute code and return the execute_reply content, draining iopub
    until the request's status idle so the client's queue stays short."""
    msg_id = kc.execute(code)
    while True:
        reply = kc.get_shell_msg(timeout=TIMEOUT)
        if reply["parent_header"].get("msg_id") == msg_id:
            break
    while True:
        msg = kc.get_iopub_msg(timeout=TIMEOUT)
        if (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status"
                and msg["content"]["execution_state"] == "idle"):
            return reply["content"]


def run_many(kc, n, failures):
    for _ in range(n):
        content = run_cell(kc, "soakCount++")
        if content["status"] != "ok":
            failures.append(content)


def counter(kc):
    msg_id = kc.execute("soakCount")
    while True:
        msg = kc.get_iopub_msg(timeout=TIMEOUT)
        if msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "execute_result":
            return int(msg["content"]["data"]["text/plain"])


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    fastgo = os.path.abspath(sys.argv[1])
    requests = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
    clients = int(sys.argv[3]) if len(sys.argv) > 3 else 4

    root = tempfile.mkdtemp(prefix="fastgo-soak-")
    write_kernelspec(root, fastgo)
    os.environ["JUPYTER_PATH"] = root
    km = KernelManager(kernel_name="fastgo-soak")
    km.start_kernel()
    pid = km.provisioner.process.pid
    kc = connect(km)
    failures = []
    report = {"requests_per_phase": requests, "clients": clients}
    try:
        run_cell(kc, "var soakCount int")
        run_many(kc, WARMUP, failures)
        report["start"] = usage(pid)

        t0 = time.perf_counter()
        run_many(kc, requests, failures)
        report["one_client_seconds"] = round(time.perf_counter() - t0, 1)
        report["after_one_client"] = usage(pid)

        # The first client reads nothing during this phase, so it
        # disconnects: a subscriber that stops reading would hold up iopub
        # for every client until the kernel's write timeout closed it.
        kc.stop_channels()
        extra = [connect(km) for _ in range(clients)]
        per_client = requests // clients
        threads = [threading.Thread(target=run_many, args=(c, per_client, failures)) for c in extra]
        t0 = time.perf_counter()
        for th in threads:
            th.start()
        for th in threads:
            th.join()
        report["many_clients_seconds"] = round(time.perf_counter() - t0, 1)
        report["during_many_clients"] = usage(pid)
        for c in extra:
            c.stop_channels()
        kc = connect(km)
        time.sleep(1)  # let the kernel see the closed connections
        report["end"] = usage(pid)

        want = WARMUP + requests + per_client * clients
        got = counter(kc)
        report["count"] = {"want": want, "got": got}
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=False)

    max_rss_kib = RSS_GROWTH_BASE_KIB + RSS_GROWTH_PER_REQUEST_KIB * report["count"]["want"]
    growth_rss = report["end"]["rss_kib"] - report["start"]["rss_kib"]
    growth_fds = report["end"]["fds"] - report["start"]["fds"]
    report["growth"] = {"rss_kib": growth_rss, "fds": growth_fds,
                        "max_rss_kib": max_rss_kib, "max_fds": MAX_FD_GROWTH}
    report["failed_replies"] = len(failures)
    print(json.dumps(report, indent=1))

    problems = []
    if failures:
        problems.append(f"{len(failures)} replies failed, the first: {failures[0]}")
    if report["count"]["got"] != report["count"]["want"]:
        problems.append(f"counter is {report['count']['got']}, want {report['count']['want']}")
    if growth_rss > max_rss_kib:
        problems.append(f"RSS grew by {growth_rss} KiB, over the {max_rss_kib} KiB bound")
    if growth_fds > MAX_FD_GROWTH:
        problems.append(f"open fds grew by {growth_fds}, over the bound of {MAX_FD_GROWTH}")
    for p in problems:
        print("soak:", p, file=sys.stderr)
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
