#!/usr/bin/env python3
"""Builds the tests' small Fashion-MNIST subset from the full data set: the reference for its content.

The test kit derives the same subset by itself (tests/HyperDsl.TestKit/FashionMnistSubset.cs), and a
test compares the two on the same input; this script is how shared/'s copy was made.

usage: small-fashion-mnist.py FULL_DIR OUT_DIR
The subset is the one in shared/data/fashion-mnist-small: the first 600 training images of each
class and the first 100 test images of each class, in file order, as gzip-compressed IDX files.
Standard library only, so the system python3 is enough.
"""
import gzip, os, struct, sys


def read(path):
    with gzip.open(path, "rb") as f:
        return f.read()


def subset(full, out, prefix, per_class):
    images = read(os.path.join(full, f"{prefix}-images-idx3-ubyte.gz"))
    labels = read(os.path.join(full, f"{prefix}-labels-idx1-ubyte.gz"))
    magic, count, rows, cols = struct.unpack(">IIII", images[:16])
    if magic != 2051 or struct.unpack(">II", labels[:8]) != (2049, count):
        sys.exit(f"{full}: {prefix} files are not matching IDX image and label files")
    size = rows * cols
    taken, kept = [0] * 10, []
    for i in range(count):
        label = labels[8 + i]
        if taken[label] < per_class:
            taken[label] += 1
            kept.append(i)
    if taken != [per_class] * 10:
        sys.exit(f"{full}: {prefix} has fewer than {per_class} images of some class: {taken}")
    with gzip.open(os.path.join(out, f"{prefix}-images-idx3-ubyte.gz"), "wb") as f:
        f.write(struct.pack(">IIII", 2051, len(kept), rows, cols))
        f.write(b"".join(images[16 + i * size:16 + (i + 1) * size] for i in kept))
    with gzip.open(os.path.join(out, f"{prefix}-labels-idx1-ubyte.gz"), "wb") as f:
        f.write(struct.pack(">II", 2049, len(kept)))
        f.write(bytes(labels[8 + i] for i in kept))


full, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
subset(full, out, "train", 600)
subset(full, out, "t10k", 100)
