"""Train fastbook chapter 13's CNNs in plain PyTorch and print one JSON line
per epoch, for comparison with fastgo's bench/conv program.

Same data, nets, optimizer and schedule as the Go side: MNIST read from the
IDX files in $FASTGO_DATA/mnist, Adam with fastai's settings (betas 0.9 and
0.99, eps 1e-5, decoupled weight decay 0.01) and the one-cycle schedule
(warm-up over 25% of the steps from lr/25, cosine annealing to lr/1e5,
momentum 0.95 -> 0.85 -> 0.95). Epoch times include the validation pass.

    /usr/bin/python3 bench/conv/torch_cnn.py --net simple --epochs 2
    /usr/bin/python3 bench/conv/torch_cnn.py --layers
"""
import argparse
import gzip
import json
import os
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def read_idx(path):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    ndim = raw[3]
    dims = [int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def load(net):
    folder = os.path.join(os.environ["FASTGO_DATA"], "mnist")
    xs = {s: read_idx(os.path.join(folder, f"{p}-images-idx3-ubyte.gz")) for s, p in (("train", "train"), ("valid", "t10k"))}
    ys = {s: read_idx(os.path.join(folder, f"{p}-labels-idx1-ubyte.gz")) for s, p in (("train", "train"), ("valid", "t10k"))}
    out = {}
    for s in ("train", "valid"):
        x, y = xs[s].astype(np.float32) / 255, ys[s].astype(np.int64)
        if net == "simple":
            keep = (y == 3) | (y == 7)
            x, y = x[keep], (y[keep] == 7).astype(np.int64)
        out[s] = (torch.from_numpy(x).unsqueeze(1), torch.from_numpy(y))
    if net != "simple":
        mean, std = out["train"][0].mean(), out["train"][0].std(unbiased=False)
        out = {s: ((x - mean) / std, y) for s, (x, y) in out.items()}
    return out


def conv(ni, nf, ks=3, act=True, bn=False):
    layers = [nn.Conv2d(ni, nf, stride=2, kernel_size=ks, padding=ks // 2)]
    if act:
        layers.append(nn.ReLU())
    if bn:
        layers.append(nn.BatchNorm2d(nf))
    return nn.Sequential(*layers)


def make_net(net):
    if net == "simple":
        return nn.Sequential(conv(1, 4), conv(4, 8), conv(8, 16), conv(16, 32), conv(32, 2, act=False), nn.Flatten())
    bn = net == "bn"
    return nn.Sequential(conv(1, 8, ks=5, bn=bn), conv(8, 16, bn=bn), conv(16, 32, bn=bn),
                         conv(32, 64, bn=bn), conv(64, 10, act=False, bn=bn), nn.Flatten())


def train(net, epochs, lr, bs, seed):
    torch.manual_seed(seed)
    data = load(net)
    model = make_net(net)
    opt = torch.optim.AdamW(model.parameters(), lr=lr, betas=(0.9, 0.99), eps=1e-5, weight_decay=0.01)
    xt, yt = data["train"]
    steps_per_epoch = len(xt) // bs  # the last partial batch is dropped, as fastai does
    sched = torch.optim.lr_scheduler.OneCycleLR(
        opt, max_lr=lr, total_steps=epochs * steps_per_epoch, pct_start=0.25, anneal_strategy="cos",
        div_factor=25, final_div_factor=1e5 / 25, base_momentum=0.85, max_momentum=0.95)
    for epoch in range(epochs):
        start = time.perf_counter()
        model.train()
        perm = torch.randperm(len(xt))
        for b in range(steps_per_epoch):
            idx = perm[b * bs:(b + 1) * bs]
            loss = F.cross_entropy(model(xt[idx]), yt[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
        model.eval()
        xv, yv = data["valid"]
        with torch.no_grad():
            pred = torch.cat([model(xv[i:i + bs]) for i in range(0, len(xv), bs)])
            vloss = F.cross_entropy(pred, yv).item()
            acc = (pred.argmax(1) == yv).float().mean().item()
        print(json.dumps({"impl": "torch", "net": net, "threads": torch.get_num_threads(), "epoch": epoch, "valid_loss": vloss, "accuracy": acc,
                          "seconds": time.perf_counter() - start}), flush=True)


def time_layers(bs):
    """Forward plus backward of each conv of the batch-norm net on one batch."""
    shapes = [(1, 8, 5, 28), (8, 16, 3, 14), (16, 32, 3, 7), (32, 64, 3, 4), (64, 10, 3, 2)]
    for ni, nf, ks, n in shapes:
        x = torch.randn(bs, ni, n, n, requires_grad=True)
        c = nn.Conv2d(ni, nf, ks, stride=2, padding=ks // 2)
        out_n = (n + 2 * (ks // 2) - ks) // 2 + 1
        flops = 3 * 2 * bs * nf * ni * ks * ks * out_n * out_n
        reps, start = 0, time.perf_counter()
        while time.perf_counter() - start < 1.0:
            c(x).sum().backward()
            reps += 1
        sec = (time.perf_counter() - start) / reps
        print(json.dumps({"impl": "torch", "threads": torch.get_num_threads(), "layer": f"{ni}->{nf} {ks}x{ks} on {n}x{n}", "seconds": sec,
                          "gflops": flops / sec / 1e9}), flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--net", choices=["simple", "plain", "bn"], default="simple")
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--lr", type=float, default=0)
    ap.add_argument("--bs", type=int, default=64)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--layers", action="store_true", help="time each convolution instead of training")
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    if args.layers:
        time_layers(args.bs)
        return
    lr = args.lr or (0.01 if args.net == "simple" else 0.06)
    train(args.net, args.epochs, lr, args.bs, args.seed)


if __name__ == "__main__":
    main()
