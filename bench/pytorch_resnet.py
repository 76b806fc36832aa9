#!/usr/bin/env python3
"""PyTorch side of the ResNet-18 training-throughput benchmark (bench/HyperDsl.Bench.Training --model resnet18).

usage: pytorch_resnet.py [--epochs 2] [--threads 2] [--seed 0] [--batch 32] [--images 256] [--size 112]
Trains torchvision's resnet18 (random init, 10 classes) with Adam 1e-3 on seeded synthetic
3 x size x size images (each class a random prototype mixed with noise, as the runtime's
SyntheticData makes them) and prints one line "RESULT {json}" with per-epoch images/s and the
accuracy on a synthetic test set of 64 images.
"""
import argparse, json, sys, time


def synthetic(torch, count, size, classes, generator):
    prototypes = torch.rand(classes, 3, size, size, generator=generator)
    labels = torch.arange(count, dtype=torch.int64).remainder(classes)
    labels = labels.index_select(0, torch.randperm(count, generator=generator))
    noise = torch.rand(count, 3, size, size, generator=generator)
    return prototypes.index_select(0, labels).mul_(0.6).add_(noise.mul_(0.4)).sub_(0.5).div_(0.25), labels


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=2)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--images", type=int, default=256)
    ap.add_argument("--size", type=int, default=112)
    a = ap.parse_args()

    import torch
    import torchvision
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    generator = torch.Generator().manual_seed(a.seed)
    x_train, y_train = synthetic(torch, a.images, a.size, 10, generator)
    x_test, y_test = synthetic(torch, 64, a.size, 10, generator)
    model = torchvision.models.resnet18(num_classes=10)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    n = x_train.shape[0]
    steps = (n + a.batch - 1) // a.batch
    epochs = []
    for e in range(1, a.epochs + 1):
        model.train()
        te = time.perf_counter()
        perm = torch.randperm(n)
        for s in range(steps):
            idx = perm[s * a.batch:(s + 1) * a.batch]
            opt.zero_grad()
            loss = loss_fn(model(x_train.index_select(0, idx)), y_train.index_select(0, idx))
            loss.backward()
            opt.step()
            loss.item()
        train_s = time.perf_counter() - te
        model.eval()
        with torch.no_grad():
            acc = model(x_test).argmax(1).eq(y_test).float().mean().item()
        epochs.append(dict(epoch=e, train_s=train_s, images_per_s=n / train_s, test_acc=acc))
        print(f"epoch {e}: train {train_s:.1f}s test_acc {acc:.4f}", file=sys.stderr, flush=True)
    print("RESULT " + json.dumps(dict(side="pytorch", torch_version=torch.__version__, epochs=epochs)), flush=True)


if __name__ == "__main__":
    main()
