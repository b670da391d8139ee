"""Train the fastai book's DotProductBias in plain PyTorch on the split
that `go run ./bench/nn -export FILE` wrote (argument 1), on the
number of threads given as argument 2 (default 2), with the same schedule and
optimizer settings as fastgo/nn: AdamW (betas 0.9/0.99, eps 1e-5,
decoupled weight decay 0.1), fastai's one-cycle (pct_start 0.25, div 25,
div_final 1e5, momentum 0.95-0.85-0.95), batch 64, 5 epochs at 5e-3.
Prints seconds per epoch and the valid MSE after each epoch."""
import math
import sys
import time

import torch

THREADS = int(sys.argv[2]) if len(sys.argv) > 2 else 2
torch.set_num_threads(THREADS)
torch.manual_seed(42)


def load(path):
    with open(path) as f:
        head = f.readline().strip().split(",")
        n_users, n_items = int(head[1]), int(head[3])
        rows = [line.strip().split(",") for line in f]
    x = torch.tensor([[int(r[0]), int(r[1])] for r in rows])
    y = torch.tensor([float(r[2]) for r in rows])
    valid = torch.tensor([r[3] == "1" for r in rows])
    return n_users, n_items, x[~valid], y[~valid], x[valid], y[valid]


class DotProductBias(torch.nn.Module):
    def __init__(self, n_users, n_items, factors, y_range=(0, 5.5)):
        super().__init__()
        self.users = torch.nn.Embedding(n_users, factors)
        self.items = torch.nn.Embedding(n_items, factors)
        self.user_bias = torch.nn.Embedding(n_users, 1)
        self.item_bias = torch.nn.Embedding(n_items, 1)
        for e in (self.users, self.items, self.user_bias, self.item_bias):
            torch.nn.init.normal_(e.weight, 0, 0.01)
        self.y_range = y_range

    def forward(self, x):
        u, i = x[:, 0], x[:, 1]
        res = (self.users(u) * self.items(i)).sum(1)
        res = res + self.user_bias(u)[:, 0] + self.item_bias(i)[:, 0]
        lo, hi = self.y_range
        return torch.sigmoid(res) * (hi - lo) + lo


def one_cycle(pos, lr_max, pct=0.25, div=25.0, div_final=1e5):
    def anneal(a, b, p):
        return a + (1 - math.cos(math.pi * p)) * (b - a) / 2
    if pos < pct:
        p = pos / pct
        return anneal(lr_max / div, lr_max, p), anneal(0.95, 0.85, p)
    p = (pos - pct) / (1 - pct)
    return anneal(lr_max, lr_max / div_final, p), anneal(0.85, 0.95, p)


def main():
    n_users, n_items, tx, ty, vx, vy = load(sys.argv[1])
    epochs, bs, lr_max = 5, 64, 5e-3
    model = DotProductBias(n_users, n_items, 50)
    opt = torch.optim.AdamW(model.parameters(), lr=lr_max, betas=(0.9, 0.99), eps=1e-5, weight_decay=0.1)
    n_batches = len(tx) // bs
    total, step = epochs * n_batches, 0
    times = []
    for epoch in range(epochs):
        start = time.perf_counter()
        model.train()
        perm = torch.randperm(len(tx))
        for b in range(n_batches):
            lr, mom = one_cycle(step / total, lr_max)
            for g in opt.param_groups:
                g["lr"], g["betas"] = lr, (mom, 0.99)
            idx = perm[b * bs:(b + 1) * bs]
            loss = torch.nn.functional.mse_loss(model(tx[idx]), ty[idx])
            opt.zero_grad()
            loss.backward()
            opt.step()
            step += 1
        model.eval()
        with torch.no_grad():
            valid = torch.nn.functional.mse_loss(model(vx), vy).item()
        times.append(time.perf_counter() - start)
        print(f"epoch {epoch}  valid {valid:.6f}  {times[-1]:.3f}s")
    med = sorted(times)[len(times) // 2]
    print(f"pytorch ({THREADS} threads): median {med:.4f} s/epoch, mean {sum(times) / epochs:.4f}, "
          f"final valid MSE {valid:.6f}")


if __name__ == "__main__":
    main()
