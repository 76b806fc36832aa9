#!/usr/bin/env bash
# Builds the GPU kit on a machine with .NET (no GPU needed): a self-contained linux-x64 publish of
# hyp and hyp-bench-gpu in one folder WITHOUT the CPU LibTorch (the device's PyTorch brings its own
# torch/lib), the small Fashion-MNIST subset for the quick-start spec, and TorchSharp 0.107's native
# shim sources (to rebuild libLibTorchSharp.so against the device's LibTorch if the shipped one does
# not link), packed as one .tar.xz. bench/gpu/run-on-device.sh unpacks and uses it.
#
#   bench/gpu/pack.sh [--skip-check]      -> artifacts/gpu-kit/gpu-kit.tar.xz (carry: artifacts/gpu-kit)
#
# Before LibTorch is stripped, the published hyp runs one trial of examples/quickstart.hyp on the CPU:
# generated code is compiled in memory by Roslyn against the published assemblies, so this proves
# a publish (not only a build) can compile and run specs. Environment:
#   HYP_KIT_DIR            where the kit goes (default artifacts/gpu-kit, gitignored)
#   HYP_TORCHSHARP_SRC     a git directory of dotnet/TorchSharp at v0.107.0 (default: the fetch mirror)
#   HYP_FASHION_SMALL      the Fashion-MNIST subset (default ../shared/data/fashion-mnist-small)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
kit="${HYP_KIT_DIR:-$root/artifacts/gpu-kit}"
stage="$root/artifacts/gpu-kit-stage"
torchsharp_src="${HYP_TORCHSHARP_SRC:-/work/.mirror/dotnet+TorchSharp/repo}"
fashion="${HYP_FASHION_SMALL:-$root/../shared/data/fashion-mnist-small}"
check=1
[[ "${1:-}" == "--skip-check" ]] && check=0

fail() { echo "pack.sh: $*" >&2; exit 1; }
[[ -f "$fashion/train-images-idx3-ubyte.gz" ]] || fail "no Fashion-MNIST subset at $fashion (set HYP_FASHION_SMALL)"
git -C "$torchsharp_src" rev-parse --verify HEAD >/dev/null 2>&1 || fail "no TorchSharp git directory at $torchsharp_src (fetch github:dotnet/TorchSharp, or set HYP_TORCHSHARP_SRC)"
git -C "$torchsharp_src" show HEAD:RELEASENOTES.md | grep -m1 '^# NuGet Version' | grep -q '0\.107\.0' \
  || fail "$torchsharp_src is not at TorchSharp 0.107.0 (its RELEASENOTES.md heads another version)"

rm -rf "$stage" && mkdir -p "$stage/kit/app" "$stage/kit/data/fashion-mnist" "$stage/kit/torchsharp-native"
echo "== publishing hyp and hyp-bench-gpu (self-contained linux-x64, Release)"
for project in src/HyperDsl.Cli bench/gpu/HyperDsl.Bench.Gpu; do
  dotnet publish "$project" -c Release -r linux-x64 --self-contained -o "$stage/kit/app" -nologo -v quiet >/dev/null \
    || fail "dotnet publish $project failed (run it by hand to see why)"
done

cp "$fashion"/*.gz "$stage/kit/data/fashion-mnist/"

if (( check )); then
  echo "== checking the publish: one quick-start trial on the CPU with the published hyp"
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  cp examples/quickstart.hyp "$work/"
  HYP_DATA_DIR="$stage/kit/data" "$stage/kit/app/hyp" run "$work/quickstart.hyp" --trials 1 --storage "$work/q.db" > "$work/run.log" 2>&1 \
    || { tail -20 "$work/run.log" >&2; fail "the published hyp could not run examples/quickstart.hyp"; }
  grep -E 'trial|best' "$work/run.log" | tail -3
fi

echo "== stripping the CPU LibTorch (the device's torch/lib replaces it)"
libtorch_native="$(ls -d "${NUGET_PACKAGES:-$HOME/.nuget/packages}"/libtorch-cpu-linux-x64/*/runtimes/linux-x64/native | tail -1)"
[[ -d "$libtorch_native" ]] || fail "cannot find the libtorch-cpu-linux-x64 package's native folder"
stripped=0
for lib in "$libtorch_native"/*; do
  name="$(basename "$lib")"
  if [[ -e "$stage/kit/app/$name" ]]; then rm -f "$stage/kit/app/$name"; stripped=$((stripped + 1)); fi
done
(( stripped > 0 )) || fail "no LibTorch library was found in the publish to strip"

echo "== staging TorchSharp's native shim sources ($(git -C "$torchsharp_src" rev-parse --short HEAD))"
git -C "$torchsharp_src" archive HEAD src/Native build/BranchInfo.props | tar -x -C "$stage/kit/torchsharp-native"
{
  echo "kit made $(date -u +%Y-%m-%dT%H:%M:%SZ) from $(git rev-parse HEAD)$(git diff --quiet HEAD || echo ' (with uncommitted changes)')"
  echo "TorchSharp native sources: dotnet/TorchSharp $(git -C "$torchsharp_src" rev-parse HEAD) (0.107.0)"
  echo "LibTorch stripped: $stripped files of $(echo "$libtorch_native" | awk -F/ '{print $(NF-4) " " $(NF-3)}')"
  echo "app: $(du -sh "$stage/kit/app" | cut -f1)"
} > "$stage/kit/MANIFEST.txt"

echo "== packing"
rm -rf "$kit" && mkdir -p "$kit"
tar -C "$stage" -cf - kit | xz -9 -T0 > "$kit/gpu-kit.tar.xz"
cp "$stage/kit/MANIFEST.txt" "$kit/"
echo "kit.tar.xz: $(du -h "$kit/gpu-kit.tar.xz" | cut -f1) ($(stat -c %s "$kit/gpu-kit.tar.xz") bytes); carry '${kit#"$root"/}'"
rm -rf "$stage"
