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


def timed(rounds, fn):
    samples = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples)


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


def measure(kernel_name, code, complete_code, rounds):
    starts = []
    for _ in range(5):
        km, kc, seconds = start(kernel_name)
        starts.append(seconds)
        stop(km, kc)
    km, kc, _ = start(kernel_name)
    # Drain the iopub messages of the start-up kernel_info requests.
    wait_idle(kc, kc.execute(code))

    def execute():
        msg_id = kc.execute(code)
        wait_idle(kc, msg_id)

    def kernel_info():
        shell_reply(kc, kc.kernel_info())

    def complete():
        shell_reply(kc, kc.complete(complete_code, len(complete_code)))

    out = {
        "start to first kernel_info_reply (ms)": statistics.median(starts) * 1e3,
        "execute round trip until idle (ms)": timed(rounds, execute) * 1e3,
        "kernel_info round trip (ms)": timed(rounds, kernel_info) * 1e3,
        "complete round trip (ms)": timed(rounds, complete) * 1e3,
    }
    time.sleep(1)
    rss, pss = tree_memory_kib(km.provisioner.process.pid)
    out["idle RSS, kernel and children (MiB)"] = rss / 1024
    out["idle PSS, kernel and children (MiB)"] = pss / 1024
    stop(km, kc)
    return out


def main():
    fastgo = os.path.abspath(sys.argv[1])
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 200
    with tempfile.TemporaryDirectory() as root:
        write_kernelspecs(root, fastgo)
        os.environ["JUPYTER_PATH"] = root
        go = measure("fastgo-bench", "1 + 1", "fmt.Pr", rounds)
        py = measure("ipykernel-bench", "1 + 1", "pri", rounds)
    print("| Measure (median) | fastgo | ipykernel | fastgo / ipykernel |")
    print("|---|---:|---:|---:|")
    for key in go:
        print(f"| {key} | {go[key]:.2f} | {py[key]:.2f} | {go[key] / py[key]:.2f} |")


if __name__ == "__main__":
    main()
