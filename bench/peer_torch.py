#!/usr/bin/python3
"""PyTorch-CPU peer of bench/compare.ts (issue 14): the same workloads, one JSON line each
(`BENCH {"key", "label", "value", "unit", "better", "route"}`).

Run by bench/run.ts with Debian's /usr/bin/python3 when python3-torch imports, with OPENBLAS_CORETYPE and
OPENBLAS_L2_SIZE unset for this command (they slow a current OpenBLAS on this processor). Uses every core
(torch.set_num_threads(os.cpu_count())), or TORCH_THREADS of them. The eigendecomposition reads the matrix compare.ts wrote
(build/bench/hessian-40-40.f64); the Hessian-vector products use the same 2-8-2-1 ESP net and loss as
lib/experiments/milletari/esp-network on random inputs of the same shape (timing only).
Usage: /usr/bin/python3 bench/peer_torch.py [--only key,key]
"""
import json
import math
import os
import sys
import time

import numpy as np
import torch

# TORCH_THREADS=1: one thread (on a loaded machine the two-thread OpenBLAS spins against the other processes)
torch.set_num_threads(int(os.environ.get("TORCH_THREADS", "0")) or os.cpu_count() or 1)
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
ONLY = set(sys.argv[sys.argv.index("--only") + 1].split(",")) if "--only" in sys.argv else None
ROUTE = f"PyTorch {torch.__version__} CPU, {torch.get_num_threads()} threads"


def want(k):
    return ONLY is None or k in ONLY


def emit(key, label, value, unit, better, route):
    print("BENCH " + json.dumps(dict(key=key, label=label, value=value, unit=unit, better=better, route=route)), flush=True)


def matmul():
    n, reps = 1024, 5
    g = torch.Generator().manual_seed(1)
    a, b = torch.randn(n, n, generator=g), torch.randn(n, n, generator=g)
    a @ b
    best = math.inf
    for _ in range(reps):
        t0 = time.perf_counter()
        a @ b
        best = min(best, time.perf_counter() - t0)
    emit("matmul", "matmul 1024², float32", 2 * n**3 / best / 1e9, "GFLOP/s", "higher", f"{ROUTE}; best of {reps}")


def mlp_step():
    torch.manual_seed(1)
    x = torch.randn(512, 32)
    y = torch.tanh(x[:, :1] + x[:, 1:2])

    def run(epochs):
        net = torch.nn.Sequential(torch.nn.Linear(32, 256), torch.nn.Tanh(), torch.nn.Linear(256, 256), torch.nn.Tanh(), torch.nn.Linear(256, 1))
        opt = torch.optim.Adam(net.parameters(), lr=1e-3)
        t0 = time.perf_counter()
        for _ in range(epochs):
            perm = torch.randperm(512)
            for s in range(0, 512, 64):
                idx = perm[s:s + 64]
                opt.zero_grad()
                loss = torch.mean((net(x[idx]) - y[idx]) ** 2)
                loss.backward()
                opt.step()
                loss.item()  # the loss read every step (lib/networks/train reads its losses once per epoch)
        return (time.perf_counter() - t0) * 1000 / (epochs * 8)

    run(1)
    emit("mlp", "MLP 32-256-256-1 tanh, Adam, batch 64: one step", min(run(5), run(5)), "ms", "lower",
         f"{ROUTE}; nn.Sequential + Adam, loss.item() every step; best of 2 × 40 steps")


def ensemble():
    g = torch.Generator().manual_seed(7)
    x = 2 * torch.rand(256, 1, generator=g) - 1
    y = torch.sin(3 * x)

    def run(E, epochs):
        dims = [1, 32, 32, 32, 1]
        ps = []
        for i, o in zip(dims[:-1], dims[1:]):
            ps += [(torch.randn(E, i, o) / math.sqrt(i)).requires_grad_(), torch.zeros(E, 1, o, requires_grad=True)]
        opt = torch.optim.Adam(ps, lr=1e-3)
        t0 = time.perf_counter()
        for _ in range(epochs):
            perm = torch.argsort(torch.rand(E, 256), dim=1)  # each member its own order
            for s in range(0, 256, 64):
                idx = perm[:, s:s + 64]
                h, yb = x[idx], y[idx]  # [E, 64, 1]
                for k in range(0, len(ps), 2):
                    h = torch.baddbmm(ps[k + 1], h, ps[k])
                    if k + 2 < len(ps):
                        h = torch.tanh(h)
                per = torch.mean((h - yb) ** 2, dim=(1, 2))  # per-member MSE; the loss is their sum
                opt.zero_grad()
                per.sum().backward()
                opt.step()
                per.detach().numpy()  # per-member losses read every step
        return E * epochs / (time.perf_counter() - t0)

    run(4, 2)
    emit("ensemble", "100-member ensemble 1-32-32-32-1, batched, Adam: networks·epochs/s", max(run(100, 10), run(100, 10)),
         "networks·epochs/s", "higher", f"{ROUTE}; stacked weights, baddbmm, per-member order; best of 2 × 10 epochs")


def eigen():
    f = os.path.join(ROOT, "build", "bench", "hessian-40-40.f64")
    if not os.path.exists(f):
        return
    d = np.fromfile(f, dtype=np.float64)
    n = int(round(math.sqrt(d.size)))
    H = torch.from_numpy(d.reshape(n, n).copy())
    torch.linalg.eigh(H[:80, :80])
    t0 = time.perf_counter()
    torch.linalg.eigh(H)
    emit("eigen", f"dense symmetric eigendecomposition with vectors, n = {n} (the 40-40 Hessian)", time.perf_counter() - t0, "s", "lower",
         f"{ROUTE}; torch.linalg.eigh (LAPACK syevd), float64")


def init_ensemble():
    width, depth, members, chunk = 512, 10, 1000, 50
    X = torch.tensor([[0.02, 0.02], [0.02, -0.01]]).T  # [2 inputs as columns]

    def mrepu(z):
        return torch.where(z > -1, z * (z + 1) ** 2, torch.zeros_like(z))

    def run(m):
        t0 = time.perf_counter()
        for s in range(0, m, chunk):
            c = min(chunk, m - s)
            h = X.expand(c, 2, 2)
            fan = 2
            for _ in range(depth):
                W = torch.randn(c, width, fan) / math.sqrt(fan)
                h = mrepu(torch.bmm(W, h))
                fan = width
            h.sum().item()
        return time.perf_counter() - t0

    run(chunk)
    timed = 200  # the cost is linear in the members: 200 timed, scaled to 1 000 (the full run takes minutes on a loaded machine)
    emit("init", "init ensemble 1 000 × 512 × 10 (stochastic-metric sampler vs materialised weights)", run(timed) * members / timed, "s", "lower",
         f"{ROUTE}; materialised float32 weights, torch.bmm, chunks of {chunk}; {timed} members timed, scaled to {members}")


def hvp():
    torch.manual_seed(2)
    sizes, m = [2, 8, 2, 1], 690
    X = torch.randn(m, 2, dtype=torch.float64)
    y = (torch.rand(m, dtype=torch.float64) > 0.5).double()
    shapes = []
    for i, o in zip(sizes[:-1], sizes[1:]):
        shapes += [(o, i), (o,), (o,)]  # W, b, beta (ESP: every layer has beta; the output's scales the logit)
    npar = sum(math.prod(s) for s in shapes)
    theta = (0.3 * torch.randn(npar, dtype=torch.float64)).requires_grad_()

    def loss_of(th):
        off, ps = 0, []
        for s in shapes:
            k = math.prod(s)
            ps.append(th[off:off + k].view(s))
            off += k
        a = X
        L = len(sizes) - 1
        for l in range(L):
            W, b, beta = ps[3 * l:3 * l + 3]
            h = a @ W.T + b
            if l + 1 < L:
                a = h * torch.sigmoid(beta * h)
            else:
                z = (beta * h).squeeze(1)
        return torch.mean(torch.nn.functional.softplus(z) - y * z)

    g = torch.autograd.grad(loss_of(theta), theta, create_graph=True)[0]
    v = torch.randn(npar, dtype=torch.float64)

    def one():
        gg = torch.autograd.grad(loss_of(theta), theta, create_graph=True)[0]
        return torch.autograd.grad(gg @ v, theta)[0]

    one()
    reps, best = 400, 0.0
    for _ in range(2):
        t0 = time.perf_counter()
        for _ in range(reps):
            one()
        best = max(best, reps / (time.perf_counter() - t0))
    del g
    emit("hvp", f"float64 Hessian-vector products, 8-2 net ({npar} parameters, 690 rows)", best, "HVP/s", "higher",
         f"{ROUTE}; double backward (forward + gradient + gradient·v per product); best of 2 × 400")


for k, f in [("matmul", matmul), ("mlp", mlp_step), ("ensemble", ensemble), ("eigen", eigen), ("init", init_ensemble), ("hvp", hvp)]:
    if want(k):
        f()
