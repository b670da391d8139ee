"""Compare the fastgo kernel with ipykernel through jupyter_client.

Usage: /usr/bin/python3 bench.py FASTGO_BINARY [ROUNDS]

Both kernels run in the same process, one after the other, on the same
machine. The script prints a Markdown table with the median of each
measure and the ratio fastgo / ipykernel (below 1 means fastgo is faster
or smaller).
"""

import json
import os
import statistics
import sys
import tempfile
import time

from jupyter_client.manager import KernelManager

TIMEOUT = 60


def write_kernelspecs(root, fastgo):
    specs = {
        "fastgo-bench": {"argv": [fastgo, "kernel", "{connection_file}"],
                         "display_name": "fastgo", "language": "go", "interrupt_mode": "message"},
        "ipykernel-bench": {"argv": ["/usr/bin/python3", "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                            "display_name": "ipykernel", "language": "python"},
    }
    for name, spec in specs.items():
        folder = os.path.join(root, "kernels", name)
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "kernel.json"), "w") as f:
            json.dump(spec, f)


def wait_idle(kc, msg_id):
    while True:
        msg = kc.get_iopub_msg(timeout=TIMEOUT)
        if (msg["parent_header"].get("msg_id") == msg_id and msg["msg_type"] == "status"
                and msg["content"]["execution_state"] == "idle"):
            return


def shell_reply(kc, msg_id):
    while True:
        reply = kc.get_shell_msg(timeout=TIMEOUT)
        if reply["parent_header"].get("msg_id") == msg_id:
            return reply


def start(kernel_name):
    """Start a kernel and return (manager, client, seconds to the first kernel_info_reply).

    It returns once iopub also delivers messages: a SUB socket misses what
    the kernel publishes before the subscription reaches it, so a request
    sent right after the first reply could lose its status messages.
    """
    t0 = time.perf_counter()
    km = KernelManager(kernel_name=kernel_name)
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    first_reply = None
    while True:
        if time.perf_counter() - t0 > TIMEOUT:
            raise TimeoutError(f"{kernel_name} did not reply to kernel_info")
        kc.kernel_info()
        try:
            kc.get_shell_msg(timeout=0.05)
        except Exception:
            continue
        if first_reply is None:
            first_reply = time.perf_counter() - t0
        try:
            kc.get_iopub_msg(timeout=0.05)
            break
        except Exception:
            continue
    return km, kc, first_reply


def stop(km, kc):
    kc.stop_channels()
    km.shutdown_kernel(now=False)


def timed_pair(rounds, fns):
    """Median seconds of each function in fns, run alternately, so that
    load from other jobs falls on both kernels alike."""
    samples = [[] for _ in fns]
    for _ in range(rounds):
        for i, fn in enumerate(fns):
            t0 = time.perf_counter()
            fn()
            samples[i].append(time.perf_counter() - t0)
    return [statistics.median(s) for s in samples]


def tree_memory_kib(pid):
    """RSS and PSS of pid and all its descendants, in KiB, from /proc.

    PSS divides each shared page among the processes that map it, so the
    pages of one binary mapped by both the kernel and its worker count once.
    """
    rss = pss = 0
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1])
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1])
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo.extend(int(c) for c in f.read().split())
        except FileNotFoundError:
            pass
    return rss, pss


class Session:
    """One running kernel with the request functions that are timed."""

    def __init__(self, kernel_name, code, complete_code):
        self.km, self.kc, _ = start(kernel_name)
        self.code, self.complete_code = code, complete_code
        wait_idle(self.kc, self.kc.execute(code))  # warm up

    def execute(self):
        wait_idle(self.kc, self.kc.execute(self.code))

    def kernel_info(self):
        shell_reply(self.kc, self.kc.kernel_info())

    def complete(self):
        shell_reply(self.kc, self.kc.complete(self.complete_code, len(self.complete_code)))

    def memory(self):
        return tree_memory_kib(self.km.provisioner.process.pid)

    def stop(self):
        stop(self.km, self.kc)


def after_idle(sessions, rounds=5):
    """Median seconds of an execute round trip that follows 1 s without
    requests. fastgo releases memory after 500 ms idle, and this is the
    request that pays for mapping the released pages back in."""
    samples = [[] for _ in sessions]
    for _ in range(rounds):
        time.sleep(1)
        for i, s in enumerate(sessions):
            t0 = time.perf_counter()
            s.execute()
            samples[i].append(time.perf_counter() - t0)
    return [statistics.median(s) for s in samples]


def start_seconds(kernel_name):
    km, kc, seconds = start(kernel_name)
    stop(km, kc)
    return seconds


def measure(kernels, rounds):
    """Return {measure: [value per kernel]} for kernels, a list of
    (kernel_name, trivial cell, completion prefix)."""
    out = {}
    start_samples = [[] for _ in kernels]
    for _ in range(5):
        for samples, (name, _, _) in zip(start_samples, kernels):
            samples.append(start_seconds(name))
    out["start to first kernel_info_reply (ms)"] = [statistics.median(s) * 1e3 for s in start_samples]
    sessions = [Session(*k) for k in kernels]
    try:
        for label, method in [("execute round trip until idle (ms)", Session.execute),
                              ("kernel_info round trip (ms)", Session.kernel_info),
                              ("complete round trip (ms)", Session.complete)]:
            out[label] = [t * 1e3 for t in timed_pair(rounds, [lambda s=s: method(s) for s in sessions])]
        time.sleep(1)
        memory = [s.memory() for s in sessions]
        out["idle RSS, kernel and children (MiB)"] = [rss / 1024 for rss, _ in memory]
        out["idle PSS, kernel and children (MiB)"] = [pss / 1024 for _, pss in memory]
        out["execute round trip after 1 s idle (ms)"] = [t * 1e3 for t in after_idle(sessions)]
    finally:
        for s in sessions:
            s.stop()
    return out


def main():
    fastgo = os.path.abspath(sys.argv[1])
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    with tempfile.TemporaryDirectory() as root:
        write_kernelspecs(root, fastgo)
        os.environ["JUPYTER_PATH"] = root
        results = measure([("fastgo-bench", "1 + 1", "fmt.Pr"),
                           ("ipykernel-bench", "1 + 1", "pri")], rounds)
    print("| Measure (median) | fastgo | ipykernel | fastgo / ipykernel |")
    print("|---|---:|---:|---:|")
    for key, (go, py) in results.items():
        print(f"| {key} | {go:.2f} | {py:.2f} | {go / py:.2f} |")


if __name__ == "__main__":
    main()
