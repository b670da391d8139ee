"""Summarise the lines printed by run.sh: median fit time, quality range and
peak RSS per tool and model, and the fastgo / scikit-learn ratios, as a
Markdown table."""
import re
import statistics
import sys

LINE = re.compile(r"^(\w+) (\w+) seed (\d+) fit ([\d.]+) s (.+) ([\d.]+) peak (\d+) MB$")


def main(path):
    runs = {}
    for line in open(path):
        m = LINE.match(line.strip())
        if not m:
            continue
        tool, model, _, fit, metric, value, peak = m.groups()
        r = runs.setdefault((model, tool), {"fit": [], "q": [], "peak": [], "metric": metric})
        r["fit"].append(float(fit))
        r["q"].append(float(value))
        r["peak"].append(int(peak))
    print("| model | quality fastgo (3 seeds) | quality scikit-learn | fit fastgo / sklearn (median) | ratio | peak RSS fastgo / sklearn |")
    print("|---|---|---|---|---|---|")
    for model in ("tree", "forest", "mnist"):
        g, s = runs.get((model, "fastgo")), runs.get((model, "sklearn"))
        if not g or not s:
            continue
        fg, fs = statistics.median(g["fit"]), statistics.median(s["fit"])
        print("| %s | %s %.4f–%.4f | %.4f–%.4f | %.3f s / %.3f s | %.2f | %d MB / %d MB |" % (
            model, g["metric"], min(g["q"]), max(g["q"]), min(s["q"]), max(s["q"]),
            fg, fs, fg / fs, max(g["peak"]), max(s["peak"])))


if __name__ == "__main__":
    main(sys.argv[1])
