"""Writes the first N training and M test images of Fashion-MNIST (IDX, gzip) to a folder, for a quick comparison.
Usage: subset.py SOURCE_DIR TARGET_DIR [N] [M]"""
import gzip, os, struct, sys

source, target = sys.argv[1], sys.argv[2]
train, test = int(sys.argv[3]) if len(sys.argv) > 3 else 6000, int(sys.argv[4]) if len(sys.argv) > 4 else 1000
os.makedirs(target, exist_ok=True)
for name, count in [("train-images-idx3-ubyte.gz", train), ("train-labels-idx1-ubyte.gz", train), ("t10k-images-idx3-ubyte.gz", test), ("t10k-labels-idx1-ubyte.gz", test)]:
    data = gzip.open(os.path.join(source, name)).read()
    if "images" in name:
        magic, _, rows, cols = struct.unpack(">IIII", data[:16])
        out = struct.pack(">IIII", magic, count, rows, cols) + data[16:16 + count * rows * cols]
    else:
        magic, _ = struct.unpack(">II", data[:8])
        out = struct.pack(">II", magic, count) + data[8:8 + count]
    with gzip.open(os.path.join(target, name), "wb") as f:
        f.write(out)
