#!/usr/bin/env python3
"""PyTorch side of bench/HyperDsl.Bench.Training --profile 1: where the time of one training step goes.

usage: pytorch_profile.py [--model cnn|resnet18] [--data DIR] [--epochs 3] [--threads 2] [--batch N] [--seed 0]
                          [--images 256] [--size 112] [--warmup 20] [--layer-passes 20] [--ops N] [--eval-batch 1000]
The loops of shared/bench/pytorch_cnn.py (reference CNN on Fashion-MNIST, normalised once up front) and
bench/pytorch_resnet.py (torchvision's resnet18 on synthetic images), timed at the runtime trainer's phase
boundaries (HyperDsl.Runtime.Training.StepPhase; phases this loop does not have read 0). Prints one line
"PROFILE {json}": ms per step of each phase (wall, and the process's CPU time) over the steps after the first --warmup, the evaluation's ms,
and ms per forward pass of each top-level layer on one batch (training mode, autograd on), as the C# sides.
--ops N also prints torch.autograd.profiler's per-op table of N further steps to stderr.
"""
import argparse, gzip, json, os, sys, time

PHASES = ["Schedule", "OpenScope", "Batch", "Augment", "Normalize", "ZeroGrad", "Forward", "Loss",
          "FiniteCheck", "Backward", "OptimizerStep", "Bookkeeping", "DisposeScope"]


def load_mnist(np, torch, data_dir, prefix):
    with gzip.open(os.path.join(data_dir, f"{prefix}-images-idx3-ubyte.gz"), "rb") as f:
        img = f.read()
    with gzip.open(os.path.join(data_dir, f"{prefix}-labels-idx1-ubyte.gz"), "rb") as f:
        lab = f.read()
    _, n, rows, cols = np.frombuffer(img, ">i4", 4, 0)
    px = np.frombuffer(img, np.uint8, n * rows * cols, 16).astype(np.float32)
    px = (px / 255.0 - 0.2860) / 0.3530
    x = torch.from_numpy(px.reshape(n, 1, rows, cols).copy())
    y = torch.from_numpy(np.frombuffer(lab, np.uint8, n, 8).astype(np.int64))
    return x, y


def synthetic(torch, count, size, classes, generator):
    prototypes = torch.rand(classes, 3, size, size, generator=generator)
    labels = torch.arange(count, dtype=torch.int64).remainder(classes)
    labels = labels.index_select(0, torch.randperm(count, generator=generator))
    noise = torch.rand(count, 3, size, size, generator=generator)
    return prototypes.index_select(0, labels).mul_(0.6).add_(noise.mul_(0.4)).sub_(0.5).div_(0.25), labels


class Clock:
    """Adds up each phase's time over the steps after the warm-up, as the C# PhaseClock."""

    def __init__(self, warmup):
        self.warmup, self.steps, self.evaluation, self.evaluation_cpu, self.last, self.last_cpu = warmup, 0, 0.0, 0.0, 0.0, 0.0
        self.totals = dict.fromkeys(PHASES, 0.0)
        self.cpu = dict.fromkeys(PHASES, 0.0)

    def begin(self):
        self.last = time.perf_counter()
        self.last_cpu = time.process_time()

    def mark(self, phase):
        now = time.perf_counter()
        cpu = time.process_time()
        if phase == "Evaluation":
            self.evaluation += now - self.last
            self.evaluation_cpu += cpu - self.last_cpu
        elif self.steps >= self.warmup:
            self.totals[phase] += now - self.last
            self.cpu[phase] += cpu - self.last_cpu
        if phase == "DisposeScope":
            self.steps += 1
        self.last = now
        self.last_cpu = cpu


def layer_times(torch, model, batch, passes):
    layers = list(model.named_children())
    totals = [0.0] * len(layers)
    for p in range(-2, passes):
        x = batch
        for i, (_, layer) in enumerate(layers):
            start = time.perf_counter()
            if isinstance(layer, torch.nn.Linear) and x.dim() > 2:
                x = torch.flatten(x, 1)
            x = layer(x)
            if p >= 0:
                totals[i] += time.perf_counter() - start
    return {name: (totals[i] * 1000 / passes if passes else 0.0) for i, (name, _) in enumerate(layers)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", default="cnn", choices=["cnn", "resnet18"])
    ap.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--batch", type=int, default=None)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--images", type=int, default=256)
    ap.add_argument("--size", type=int, default=112)
    ap.add_argument("--warmup", type=int, default=20)
    ap.add_argument("--layer-passes", type=int, default=20)
    ap.add_argument("--ops", type=int, default=0)
    ap.add_argument("--eval-batch", type=int, default=1000)
    a = ap.parse_args()
    import numpy as np
    import torch
    import torch.nn as nn
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    if a.model == "cnn":
        bs = a.batch or 128
        x_train, y_train = load_mnist(np, torch, a.data, "train")
        x_test, y_test = load_mnist(np, torch, a.data, "t10k")
        model = nn.Sequential(
            nn.Conv2d(1, 32, 3, padding=1), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
            nn.Conv2d(32, 64, 3, padding=1), nn.BatchNorm2d(64), nn.ReLU(), nn.MaxPool2d(2),
            nn.Flatten(), nn.Dropout(0.25), nn.Linear(64 * 7 * 7, 128), nn.ReLU(), nn.Linear(128, 10))
    else:
        import torchvision
        bs = a.batch or 32
        generator = torch.Generator().manual_seed(a.seed)
        x_train, y_train = synthetic(torch, a.images, a.size, 10, generator)
        x_test, y_test = synthetic(torch, 64, a.size, 10, generator)
        model = torchvision.models.resnet18(num_classes=10)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    n = x_train.shape[0]
    steps = (n + bs - 1) // bs
    clock = Clock(a.warmup)

    def step(perm, s):
        # This loop has no schedule, dispose scope, augmentation or per-batch normalisation: their marks time nothing.
        clock.begin()
        clock.mark("Schedule")
        clock.mark("OpenScope")
        idx = perm[s * bs:(s + 1) * bs]
        xb = x_train.index_select(0, idx)
        yb = y_train.index_select(0, idx)
        clock.mark("Batch")
        clock.mark("Augment")
        clock.mark("Normalize")
        opt.zero_grad()  # set_to_none=False by default in 1.13, as TorchSharp's
        clock.mark("ZeroGrad")
        out = model(xb)
        clock.mark("Forward")
        loss = loss_fn(out, yb)
        clock.mark("Loss")
        loss.backward()
        clock.mark("Backward")
        opt.step()
        clock.mark("OptimizerStep")
        loss.item()
        clock.mark("FiniteCheck")
        clock.mark("Bookkeeping")
        clock.mark("DisposeScope")

    model.train()
    for _ in range(a.epochs):
        perm = torch.randperm(n)
        for s in range(steps):
            step(perm, s)

    clock.begin()
    model.eval()
    with torch.no_grad():
        correct = 0
        for s in range(0, x_test.shape[0], a.eval_batch):
            correct += model(x_test[s:s + a.eval_batch]).argmax(1).eq(y_test[s:s + a.eval_batch]).sum().item()
    clock.mark("Evaluation")
    model.train()
    layers = layer_times(torch, model, x_train[:bs], a.layer_passes)
    timed = max(0, clock.steps - a.warmup)
    phases = {p: (clock.totals[p] * 1000 / timed if timed else 0.0) for p in PHASES}
    cpu_phases = {p: (clock.cpu[p] * 1000 / timed if timed else 0.0) for p in PHASES}
    if a.ops > 0:
        perm = torch.randperm(n)
        with torch.autograd.profiler.profile() as prof:
            for s in range(a.ops):
                step(perm, s % steps)
        print(prof.key_averages().table(sort_by="self_cpu_time_total", row_limit=30), file=sys.stderr, flush=True)
    print("PROFILE " + json.dumps(dict(side="pytorch", steps=timed, phases_ms=phases, cpu_phases_ms=cpu_phases, evaluation_ms=clock.evaluation * 1000, evaluation_cpu_ms=clock.evaluation_cpu * 1000,
                                       evaluations=1, layers_ms=layers)), flush=True)


if __name__ == "__main__":
    main()
