#!/usr/bin/env python3
"""ResNet-18 training step rate in plain PyTorch, the reference for hyp-bench-gpu's runtime side.

Each step does what the runtime's Trainer does: pick the batch from images held in CPU memory
(index_select on a random permutation), move it to the device, normalise, make it channels-last,
forward, cross-entropy loss, read the loss back (.item(), one synchronisation per step, as the
Trainer checks it for NaN), backward, SGD step with momentum. Mixed precision is PyTorch's own:
torch.autocast (bf16 or fp16) and, for fp16, a GradScaler. The network is torchvision's ResNet-18
written out here (torchvision may be absent), 10 classes. Images per second per epoch; the first
epoch is warm-up (cuDNN autotuning off, as LibTorch's default). Prints "RESULT {json}".

  python3 pytorch_resnet18.py --device cuda --precision bf16 --batch 128 --size 224 --steps 20 --epochs 3
"""
import argparse
import json
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.downsample = None
        if stride != 1 or cin != cout:
            self.downsample = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        out = F.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return F.relu(out + (x if self.downsample is None else self.downsample(x)))


class ResNet18(nn.Module):
    def __init__(self, classes=10):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 64, 7, 2, 3, bias=False)
        self.bn1 = nn.BatchNorm2d(64)
        layers, cin = [], 64
        for cout, stride in ((64, 1), (128, 2), (256, 2), (512, 2)):
            layers.append(nn.Sequential(BasicBlock(cin, cout, stride), BasicBlock(cout, cout, 1)))
            cin = cout
        self.layers = nn.Sequential(*layers)
        self.fc = nn.Linear(512, classes)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.bn1(self.conv1(x))), 3, 2, 1)
        x = self.layers(x)
        return self.fc(torch.flatten(F.adaptive_avg_pool2d(x, 1), 1))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--device", default="cuda", choices=["cpu", "cuda"])
    parser.add_argument("--precision", default="fp32", choices=["fp32", "bf16", "fp16"])
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--size", type=int, default=224)
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--threads", type=int, default=None)
    args = parser.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    if args.device == "cuda" and not torch.cuda.is_available():
        sys.exit("pytorch_resnet18.py: --device cuda, but torch.cuda.is_available() is False")
    if args.precision == "fp16" and args.device == "cpu":
        sys.exit("pytorch_resnet18.py: fp16 is measured on CUDA only (the runtime refuses it on the CPU too)")

    device = torch.device(args.device)
    torch.manual_seed(0)
    count = args.batch * args.steps
    generator = torch.Generator().manual_seed(0)
    prototypes = torch.rand(10, 3, args.size, args.size, generator=generator)
    labels = torch.arange(count) % 10
    images = prototypes[labels] * 0.6 + torch.rand(count, 3, args.size, args.size, generator=generator) * 0.4
    mean = torch.tensor([0.5, 0.5, 0.5], device=device).view(1, 3, 1, 1)
    std = torch.tensor([0.25, 0.25, 0.25], device=device).view(1, 3, 1, 1)

    model = ResNet18().to(device).to(memory_format=torch.channels_last)
    model.train()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    low = {"bf16": torch.bfloat16, "fp16": torch.float16}.get(args.precision)
    scaler = None
    if args.precision == "fp16":
        scaler = torch.amp.GradScaler("cuda") if hasattr(torch.amp, "GradScaler") else torch.cuda.amp.GradScaler()

    rates, loss_value = [], None
    for _ in range(args.epochs):
        order = torch.randperm(count, generator=generator)
        if device.type == "cuda":
            torch.cuda.synchronize()
        start = time.perf_counter()
        for step in range(args.steps):
            index = order[step * args.batch:(step + 1) * args.batch]
            x = images.index_select(0, index).to(device)
            y = labels.index_select(0, index).to(device)
            x = ((x - mean) / std).contiguous(memory_format=torch.channels_last)
            optimizer.zero_grad(set_to_none=True)
            with torch.autocast(device.type, dtype=low, enabled=low is not None):
                output = model(x)
            loss = F.cross_entropy(output.float(), y)
            loss_value = loss.item()
            if scaler is not None:
                scaler.scale(loss).backward()
                scaler.step(optimizer)
                scaler.update()
            else:
                loss.backward()
                optimizer.step()
        if device.type == "cuda":
            torch.cuda.synchronize()
        rates.append(count / (time.perf_counter() - start))

    steady = rates[1:] if len(rates) > 1 else rates
    print("RESULT " + json.dumps({
        "side": "pytorch",
        "torch": torch.__version__,
        "device": str(device),
        "precision": args.precision,
        "batch": args.batch,
        "size": args.size,
        "steps_per_epoch": args.steps,
        "epoch_images_per_s": rates,
        "images_per_s": len(steady) / sum(1 / r for r in steady),
        "last_train_loss": loss_value,
    }), flush=True)


if __name__ == "__main__":
    main()
