#!/usr/bin/env bash
# The GPU check in one command, on a machine with PyTorch and a GPU but no .NET (see README.md):
#
#   bench/gpu/run-on-device.sh            # on the device; the kit travels as the carry 'artifacts/gpu-kit'
#   bench/gpu/run-on-device.sh --cpu      # the same flow on this CPU machine, tiny sizes, the NuGet LibTorch
#
# Steps: unpack the kit (bench/gpu/pack.sh made it) -> find the device's PyTorch and torch/lib -> check
# that TorchSharp 0.107's libLibTorchSharp.so links against that LibTorch (ldd -r, nm -D) and loads (a
# probe runs a convolution on the GPU) -> if not, build the shim from TorchSharp's sources against
# torch's headers and libraries, and check again -> 'hyp run' of examples/quickstart.hyp (device cuda;
# fp32, then precision bf16) -> ResNet-18 training step rate, batch 128, channels-last, fp32 / bf16 /
# fp16, through the runtime (hyp-bench-gpu) and through PyTorch (pytorch_resnet18.py), alternated, with
# nvidia-smi sampled during each -> the same on the CPU (fp32, bf16; smaller images) for ratios.
# Everything goes to $OUT/results.md, raw logs to $OUT/logs/. A step that fails says which and why in
# results.md, and the steps that need it are skipped; the exit status is 0 only if every step passed.
#
# Environment: OUT (default artifacts/gpu-run), PYTHON (default python3), HYP_BUDGET_S (default 570: steps
# are cut short or skipped so the whole script ends within it), HYP_KIT (default
# artifacts/gpu-kit/gpu-kit.tar.xz), HYP_GPU_STEPS / HYP_GPU_EPOCHS / HYP_GPU_SIZE (ResNet-18 on the GPU:
# 20 steps x 3 epochs at 224 px), HYP_CPU_STEPS / HYP_CPU_SIZE (on the CPU: 3 steps x 2 epochs at 112 px).
set -uo pipefail
# Everything set from here on is exported, and the step functions below too (export -f), so a step can
# run a function under timeout in a child bash.
set -a
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
mode=gpu
[[ "${1:-}" == "--cpu" ]] && mode=cpu
out="${OUT:-$root/artifacts/gpu-run}"
mkdir -p "$out/logs"
logs="$out/logs"
results="$out/results.md"
python="${PYTHON:-python3}"
kit_archive="${HYP_KIT:-$root/artifacts/gpu-kit/gpu-kit.tar.xz}"
work="$(mktemp -d /tmp/hyp-gpu.XXXXXX)"
app="$work/kit/app"
failed=0
# HYP_BUDGET_S: seconds for the whole script (the device's run tool allows 600 per command).
budget="${HYP_BUDGET_S:-570}"
deadline=$((SECONDS + budget))

if [[ $mode == gpu ]]; then
  gpu_steps="${HYP_GPU_STEPS:-20}"; gpu_epochs="${HYP_GPU_EPOCHS:-3}"; gpu_size="${HYP_GPU_SIZE:-224}"; batch=128
  cpu_steps="${HYP_CPU_STEPS:-3}"; cpu_size="${HYP_CPU_SIZE:-112}"; cpu_batch=128; trials=2
else
  # The CPU rehearsal: the same steps at sizes two shared cores finish in a few minutes.
  gpu_steps=2; gpu_epochs=2; gpu_size=32; batch=16
  cpu_steps="${HYP_CPU_STEPS:-2}"; cpu_size="${HYP_CPU_SIZE:-32}"; cpu_batch=16; trials=1
fi

note() { echo "$*" | tee -a "$results"; }
# step NAME TIMEOUT COMMAND...: runs it with its output in logs/NAME.log; records PASS or FAIL with the log's tail.
step() {
  local name="$1" limit="$2"; shift 2
  local started=$SECONDS left=$((deadline - SECONDS))
  # The run tool stops the whole command at its limit; a step gets what is left, so results.md is always written.
  if (( left < 15 )); then
    failed=1; note "- SKIP \`$name\` (the run's budget of $budget s is spent)"; return 1
  fi
  (( limit > left - 10 )) && limit=$((left - 10))
  timeout "$limit" bash -c '"$@"' _ "$@" > "$logs/$name.log" 2>&1
  local rc=$?
  if (( rc == 0 )); then
    note "- PASS \`$name\` ($((SECONDS - started)) s)"
  else
    failed=1
    local why="exit $rc"; (( rc == 124 )) && why="timed out after $limit s"
    note "- **FAIL \`$name\`** ($why, $((SECONDS - started)) s); last lines of logs/$name.log:"
    { echo '  ```'; tail -15 "$logs/$name.log" | sed 's/^/  /'; echo '  ```'; } >> "$results"
  fi
  return $rc
}

{
  echo "# GPU check ($mode mode)"
  echo
  echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) on $(hostname), $(nproc) cores, repository at $(git rev-parse --short HEAD 2>/dev/null || echo '?')."
  echo
  echo "## Steps"
  echo
} > "$results"

# ---- 1. unpack ------------------------------------------------------------------------------------
unpack() {
  [[ -f "$kit_archive" ]] || { echo "no kit at $kit_archive: run bench/gpu/pack.sh on a machine with .NET and pass 'artifacts/gpu-kit' as carry"; return 1; }
  if command -v xz >/dev/null; then tar -xJf "$kit_archive" -C "$work"
  else "$python" -c 'import sys, tarfile; tarfile.open(sys.argv[1]).extractall(sys.argv[2])' "$kit_archive" "$work"; fi
  cat "$work/kit/MANIFEST.txt"
  [[ -x "$app/hyp" && -x "$app/hyp-bench-gpu" && -f "$app/libLibTorchSharp.so" ]] || { echo "the kit lacks hyp, hyp-bench-gpu or libLibTorchSharp.so"; return 1; }
}
export -f unpack
step unpack 300 unpack || { note ""; note "Nothing else can run without the kit."; exit 1; }

# ---- 2. the LibTorch to run against ------------------------------------------------------------------
torch_lib=""; torch_dir=""
find_torch() {
  "$python" - <<'PY'
import os, sys
try:
    import torch
except Exception as e:
    print(f"import torch failed: {e!r}"); sys.exit(1)
d = os.path.dirname(torch.__file__)
print("torch_dir", d)
print("torch_lib", os.path.join(d, "lib"))
print("version", torch.__version__)
print("cuda_build", torch.version.cuda)
print("cuda_available", torch.cuda.is_available())
print("cxx11_abi", int(torch._C._GLIBCXX_USE_CXX11_ABI))
print("cmake_prefix_path", torch.utils.cmake_prefix_path)
if torch.cuda.is_available():
    print("gpu", torch.cuda.get_device_name(0), "x", torch.cuda.device_count())
PY
}
export -f find_torch
if [[ $mode == gpu ]]; then
  if step find-torch 120 find_torch; then
    torch_dir="$(awk '$1=="torch_dir"{print $2}' "$logs/find-torch.log")"
    torch_lib="$(awk '$1=="torch_lib"{print $2}' "$logs/find-torch.log")"
    note "  - PyTorch: $(grep -E '^(version|cuda_build|cuda_available|gpu) ' "$logs/find-torch.log" | tr '\n' ';' )"
  else
    note ""; note "No PyTorch: the runtime has no LibTorch to run on here."; exit 1
  fi
else
  # The rehearsal runs the kit on the NuGet CPU LibTorch that pack.sh stripped from it.
  torch_lib="$(ls -d "${NUGET_PACKAGES:-$HOME/.nuget/packages}"/libtorch-cpu-linux-x64/*/runtimes/linux-x64/native 2>/dev/null | tail -1)"
  note "  - LibTorch: the NuGet CPU package at $torch_lib"
  step find-torch 120 find_torch || note "  - (no PyTorch here: its side of the benchmark is skipped)"
fi
export LD_LIBRARY_PATH="$torch_lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

# ---- 3. does the shipped shim link and load? ---------------------------------------------------------
link_check() {
  local shim="$app/libLibTorchSharp.so"
  echo "== ldd -r $shim (LD_LIBRARY_PATH=$torch_lib)"
  ldd -r "$shim" 2>&1 | tee "$work/ldd.txt"
  echo "== symbols the shim needs that none of torch/lib defines (nm -D)"
  nm -D --undefined-only "$shim" | awk '{print $NF}' | sort -u > "$work/needed.txt"
  for lib in "$torch_lib"/lib{torch,torch_cpu,torch_cuda,c10,c10_cuda}.so; do [[ -f $lib ]] && nm -D --defined-only "$lib"; done \
    | awk '{print $NF}' | sort -u > "$work/defined.txt"
  comm -23 "$work/needed.txt" "$work/defined.txt" | grep -vE '^(GLIBC|GLIBCXX|CXXABI|GCC)|@(GLIBC|GLIBCXX|CXXABI|GCC)|^_ITM|^__gmon|^__cxa|^_Unwind' \
    | grep -E '^_Z(N|NK|K)?(2at|3c10|5torch|6caffe2)' > "$work/missing.txt" || true
  echo "$(wc -l < "$work/missing.txt") torch symbols missing"
  head -40 "$work/missing.txt" | c++filt
  ! grep -q 'undefined symbol' "$work/ldd.txt" && [[ ! -s "$work/missing.txt" ]]
}
probe() { "$app/hyp-bench-gpu" probe --device "$([[ $mode == gpu ]] && echo cuda || echo cpu)"; }

export -f link_check probe
shim_ok=0
if step link-check 120 link_check && step probe 180 probe; then
  shim_ok=1
  note "  - TorchSharp 0.107's libLibTorchSharp.so runs on this LibTorch as shipped: $(grep PROBE "$logs/probe.log")"
fi

# ---- 4. if not: build the shim from TorchSharp's sources against the device's torch -----------------
build_shim() {
  local src="$work/kit/torchsharp-native/src/Native" build="$work/shim-build"
  command -v g++ >/dev/null || { echo "no g++ on this machine: the shim cannot be built here"; return 1; }
  [[ -n "$torch_dir" && -d "$torch_dir/include/torch" ]] || { echo "PyTorch at '$torch_dir' ships no C++ headers (torch/include)"; return 1; }
  mkdir -p "$build"
  local abi; abi="$(awk '$1=="cxx11_abi"{print $2}' "$logs/find-torch.log")"
  # The flags of TorchSharp's src/Native/CMakeLists.txt (Linux), C++17 for LibTorch 2.x headers, without
  # -Werror (newer headers warn). Direct g++ rather than cmake: torch's CMake config wants a CUDA toolkit
  # (nvcc), which a pip-installed PyTorch does not bring.
  local flags=(-std=c++17 -O2 -fPIC -fvisibility=hidden "-D_GLIBCXX_USE_CXX11_ABI=${abi:-1}" -D_NO_ASYNCRTIMP -D_NO_PPLXIMP -D__LINUX__
               -I"$src" -I"$src/LibTorchSharp" -I"$torch_dir/include" -I"$torch_dir/include/torch/csrc/api/include" -w)
  echo "g++ ${flags[*]}"
  # The sources TorchSharp's CMakeLists.txt builds (the folder also holds files it leaves out).
  sed -n '/set(SOURCES/,/)/p' "$src/LibTorchSharp/CMakeLists.txt" | grep -oE '[A-Za-z0-9_]+\.cpp' | sed "s|^|$src/LibTorchSharp/|" \
    | xargs -P "$(nproc)" -I{} sh -c 'g++ "$@" -c "{}" -o "'"$build"'/$(basename "{}").o" || { echo "FAILED: {}"; exit 255; }' _ "${flags[@]}" || return 1
  gcc -O2 -fPIC -c "$src/LibTorchSharp/crc32c.c" -o "$build/crc32c.o" || return 1
  local cuda_libs=(); [[ -f "$torch_lib/libtorch_cuda.so" ]] && cuda_libs=(-ltorch_cuda -lc10_cuda)
  g++ -shared -o "$build/libLibTorchSharp.so" "$build"/*.o -Wl,-Bsymbolic -Wl,-Bsymbolic-functions -Wl,--no-as-needed \
    -L"$torch_lib" -ltorch -ltorch_cpu -lc10 "${cuda_libs[@]}" -Wl,-rpath,'$ORIGIN' || return 1
  mv "$app/libLibTorchSharp.so" "$app/libLibTorchSharp.so.shipped"
  cp "$build/libLibTorchSharp.so" "$app/libLibTorchSharp.so"
}
export -f build_shim
if (( ! shim_ok )); then
  if [[ $mode == gpu ]] && step build-shim 420 build_shim && step link-check-rebuilt 120 link_check && step probe-rebuilt 180 probe; then
    shim_ok=1
    note "  - The shim rebuilt from TorchSharp 0.107's sources runs on this LibTorch: $(grep PROBE "$logs/probe-rebuilt.log")"
  fi
fi
if (( ! shim_ok )); then
  note ""; note "The runtime cannot load LibTorch here (see the failed steps above); the runs that need it are skipped."
fi

# ---- 5. hyp run of the quick start ------------------------------------------------------------------
device_word=$([[ $mode == gpu ]] && echo cuda || echo cpu)
quickstart() {
  local precision="$1" spec="$work/quickstart-$1.hyp"
  # The spec as shipped, pinned to the device and the precision (checked: the two lines must be there).
  sed "s/^    schedule  cosine\$/    schedule  cosine\n    device    $device_word\n    precision $precision/" examples/quickstart.hyp > "$spec"
  grep -q "^    device    $device_word\$" "$spec" || { echo "examples/quickstart.hyp changed: no 'schedule  cosine' line to add the device after"; return 1; }
  HYP_DATA_DIR="$work/kit/data" "$app/hyp" run "$spec" --trials "$trials" --storage "$work/quickstart-$precision.db" \
    && "$app/hyp" trials "$spec" --storage "$work/quickstart-$precision.db"
}
export -f quickstart
if (( shim_ok )); then
  step "hyp-run-quickstart-$device_word-fp32" 300 quickstart fp32
  step "hyp-run-quickstart-$device_word-bf16" 300 quickstart bf16
fi

# ---- 6. ResNet-18 step rate -------------------------------------------------------------------------
have_torch=0; grep -q '^version ' "$logs/find-torch.log" 2>/dev/null && have_torch=1
rows="$work/rows.jsonl"; : > "$rows"
sample_gpu() { command -v nvidia-smi >/dev/null && nvidia-smi --query-gpu=timestamp,utilization.gpu,memory.used --format=csv,noheader,nounits -lms 200 > "$1" 2>/dev/null & echo $!; }
measure() {
  local side="$1" device="$2" precision="$3" size="$4" steps="$5" epochs="$6" bsize="$7" name
  name="resnet18-$side-$device-$precision"
  local smi="$logs/$name.nvidia-smi.csv" sampler=""
  [[ $device == cuda ]] && sampler="$(sample_gpu "$smi")"
  if [[ $side == hyperdsl ]]; then
    step "$name" 300 "$app/hyp-bench-gpu" resnet18 --device "$device" --precision "$precision" --batch "$bsize" --size "$size" --steps "$steps" --epochs "$epochs"
  else
    step "$name" 300 "$python" bench/gpu/pytorch_resnet18.py --device "$device" --precision "$precision" --batch "$bsize" --size "$size" --steps "$steps" --epochs "$epochs"
  fi
  local rc=$?
  [[ -n "$sampler" ]] && kill "$sampler" 2>/dev/null
  if (( rc == 0 )); then
    local util="null"
    [[ -s "$smi" ]] && util="$(awk -F', *' '{s+=$2; n++} END {if (n) printf "%.0f", s/n; else print "null"}' "$smi")"
    grep '^RESULT ' "$logs/$name.log" | tail -1 | sed 's/^RESULT //' | "$python" -c 'import json,sys; r=json.load(sys.stdin); r["gpu_util_mean"]=json.loads(sys.argv[1]); print(json.dumps(r))' "$util" >> "$rows"
  fi
}
if [[ $mode == gpu ]]; then gpu_precisions=(fp32 bf16 fp16); else gpu_precisions=(fp32 bf16); fi
cpu_precisions=(fp32 bf16)
run_sides() {
  local device="$1" size="$2" steps="$3" epochs="$4" bsize="$5"; shift 5
  for precision in "$@"; do
    # Alternated, runtime first then PyTorch, so a drift of the machine hits both.
    (( shim_ok )) && measure hyperdsl "$device" "$precision" "$size" "$steps" "$epochs" "$bsize"
    (( have_torch )) && measure pytorch "$device" "$precision" "$size" "$steps" "$epochs" "$bsize"
  done
}
# In CPU mode the "GPU" pass is the same runs on the CPU device at rehearsal sizes.
run_sides "$([[ $mode == gpu ]] && echo cuda || echo cpu)" "$gpu_size" "$gpu_steps" "$gpu_epochs" "$batch" "${gpu_precisions[@]}"
[[ $mode == gpu ]] && run_sides cpu "$cpu_size" "$cpu_steps" 2 "$cpu_batch" "${cpu_precisions[@]}"

# ---- 7. the table -----------------------------------------------------------------------------------
{
  echo
  echo "## ResNet-18 training step rate"
  echo
  echo "Images per second over the epochs after the first (warm-up); batch of images held in host memory, moved"
  echo "to the device each step, channels-last, SGD with momentum, loss read back every step. hyperdsl = the"
  echo "runtime's Trainer (mixed precision: the whole model cast, fp32 master weights); pytorch = torch.autocast"
  echo "(+ GradScaler for fp16). GPU utilisation: mean of nvidia-smi samples every 200 ms during the run."
  echo
} >> "$results"
"$python" - "$rows" >> "$results" <<'PY'
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
if not rows:
    print("No run finished; see the steps above."); sys.exit(0)
print("| device | precision | size | batch | hyperdsl img/s | pytorch img/s | hyperdsl / pytorch | GPU util hyperdsl / pytorch |")
print("|---|---|---|---|---|---|---|---|")
keys = sorted({(r["device"].split(":")[0], r["precision"], r["size"], r["batch"]) for r in rows}, key=lambda k: (k[0] != "cuda", ["fp32", "bf16", "fp16"].index(k[1])))
def find(side, k):
    return next((r for r in rows if r["side"] == side and (r["device"].split(":")[0], r["precision"], r["size"], r["batch"]) == k), None)
for k in keys:
    h, p = find("hyperdsl", k), find("pytorch", k)
    fmt = lambda r: f'{r["images_per_s"]:.0f}' if r else "-"
    ratio = f'{h["images_per_s"] / p["images_per_s"]:.2f}' if h and p else "-"
    util = lambda r: "-" if not r or r.get("gpu_util_mean") is None else f'{r["gpu_util_mean"]}%'
    print(f"| {k[0]} | {k[1]} | {k[2]} | {k[3]} | {fmt(h)} | {fmt(p)} | {ratio} | {util(h)} / {util(p)} |")
for side in ("hyperdsl", "pytorch"):
    for k in keys:
        r32, r = find(side, (k[0], "fp32", k[2], k[3])), find(side, k)
        if k[1] != "fp32" and r32 and r:
            print(f"\n{side} on {k[0]}: {k[1]} runs {r['images_per_s'] / r32['images_per_s']:.2f}x its fp32 rate.", end="")
print()
PY
cp "$rows" "$out/resnet18.jsonl"
note ""
note "Raw output of every step: logs/. Rows as JSON: resnet18.jsonl."
rm -rf "$work"
exit $failed
