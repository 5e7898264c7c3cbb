#!/usr/bin/env bash
# The GPU acceptance run of the CUDA backend, prepared on a machine without a GPU and run in one go on a
# machine with one (H100/H200 lent by the device tool, which may have no Java and no Maven).
#
#   native-setup/gpu-check.sh prepare        # here: JDK + Maven (offline cache), no GPU needed
#       builds target/gpu-check/: the shaded jar (classes + JCuda/JCublas natives + PTX), the test classes,
#       the test-only libraries, the JUnit console launcher, and a jlink runtime (jre/). Prints its size
#       (the device tool carries at most 64 MiB).
#   native-setup/gpu-check.sh run [OUTDIR] [STEPS]   # there, from the repository root, target/gpu-check
#       carried; STEPS (default "1 2 3 4 5 6") picks steps; each has a time limit, and "1 2 3" and "4 5 6"
#       each stay under the device tool's 600 s per command:
#       1. check-cuda.sh: driver, devices, JCuda natives and the libraries they need (libcuda.so.1,
#          libcublas.so.12 for the optional cuBLAS products)
#       2. helixff backend --json: probe, PTX ISA, cuBLAS or built-in GEMM, what AUTO uses and why
#       3. parity and contract tests with -Dhelixff.requireCuda=true (a missing GPU fails instead of skipping):
#          CudaParityTest, CudaSoapEngineContractTest, BackendsTest, GpuFaultHandlingTest, PtxResourcesTest,
#          LaunchPlansAndPairsTest (HostKernelParityTest too where nvcc exists)
#       4. backend --check --periods 5: every quantity, GPU vs CPU with its tolerance, cuBLAS path, then the
#          built-in GEMM path (-Dhelixff.cublas=false)
#       5. E+F on a 50 000-atom (10,10) cell (--periods 1250, M = 1000 references; all CPU cores vs the GPU, the
#          GPU time split),
#          cuBLAS path
#       6. the same with the built-in GEMM kernels
#       Everything goes to OUTDIR (default: $OUT, else target/gpu-check/out), one file per step, plus
#       summary.txt with the card's name. Exit code: number of failed steps (0 = all passed).
#
# Timings name the card (nvidia-smi) and compare CPU and GPU in the same process on the same machine.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
dir="target/gpu-check"
mode="${1:-}"

prepare() {
    set -e
    mvn -B -q -o package -DskipTests
    rm -rf "$dir"
    mkdir -p "$dir/lib"
    # the shaded jar without the JCuda natives HelixFF never loads (NVRTC, nvPTXCompiler, cuBLAS v1): 20 -> ~8 MB
    python3 - "$(ls target/helixff-*-all.jar | head -n1)" "$dir/helixff-all.jar" <<'PY'
import sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
drop = ("lib/libJNvPTXCompiler", "lib/libJNvrtc", "lib/libJCublas-", "lib/JNvPTXCompiler", "lib/JNvrtc", "lib/JCublas-")
with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
    for item in zin.infolist():
        if not item.filename.startswith(drop):
            zout.writestr(item, zin.read(item.filename))
PY
    cp -r target/test-classes "$dir/test-classes"
    { git rev-parse HEAD 2>/dev/null || echo unknown; git status --porcelain 2>/dev/null | grep -q . && echo "(uncommitted changes)"; } \
        > "$dir/COMMIT" || true
    local m2="${MAVEN_REPO:-$HOME/.m2/repository}"
    local console="$m2/org/junit/platform/junit-platform-console-standalone/1.14.1/junit-platform-console-standalone-1.14.1.jar"
    [ -f "$console" ] || mvn -B -q dependency:get -Dartifact=org.junit.platform:junit-platform-console-standalone:1.14.1
    cp "$console" "$dir/lib/"
    cp "$m2"/org/yaml/snakeyaml/2.3/snakeyaml-2.3.jar "$dir/lib/"
    # the runtime: Temurin's jlink where present (built for old glibc, so it runs on most GPU hosts); no
    # java.desktop (only the plotting commands need it)
    local jlink="jlink"
    for j in /usr/lib/jvm/temurin-*-jdk-amd64/bin/jlink; do
        [ -x "$j" ] && jlink="$j"
    done
    "$jlink" --add-modules java.base,java.sql,java.logging,java.management,java.xml,jdk.unsupported \
        --compress=zip-9 --no-header-files --no-man-pages --strip-debug --output "$dir/jre" 2>/dev/null \
        || "$jlink" --add-modules java.base,java.sql,java.logging,java.management,java.xml,jdk.unsupported \
            --compress=2 --no-header-files --no-man-pages --strip-debug --output "$dir/jre"
    if command -v strip >/dev/null; then
        find "$dir/jre" -name '*.so' -exec strip --strip-unneeded {} + 2>/dev/null || true
    fi
    "$dir/jre/bin/java" -version 2>&1 | head -n1
    du -sh "$dir" "$dir"/* | sed 's/^/  /'
    local bytes
    bytes="$(du -sb "$dir" | cut -f1)"
    if [ "$bytes" -gt $((64 * 1024 * 1024)) ]; then
        echo "gpu-check: $dir is $bytes B, above the 64 MiB the device tool carries" >&2
        exit 1
    fi
    echo "gpu-check: prepared $dir; on the GPU machine run: bash native-setup/gpu-check.sh run"
}

run() {
    [ -x "$dir/jre/bin/java" ] || { echo "gpu-check: $dir/jre missing: run 'native-setup/gpu-check.sh prepare' first" >&2; exit 2; }
    local out="${1:-${OUT:-$dir/out}}"
    local steps=" ${2:-1 2 3 4 5 6} "
    mkdir -p "$out"
    local java="$dir/jre/bin/java"
    local tmp
    tmp="$(mktemp -d)"
    local jopts=(-Djava.io.tmpdir="$tmp" --enable-native-access=ALL-UNNAMED -Xmx48g)
    local failed=0
    local card
    card="$(nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader 2>/dev/null | head -n1)"
    {
        echo "gpu-check $(date -u +%FT%TZ) on $(hostname)"
        echo "card: ${card:-none (nvidia-smi failed)}"
        echo "cpu: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
        echo "commit: $(tr '\n' ' ' < "$dir/COMMIT" 2>/dev/null || echo unknown)"
    } > "$out/summary.txt"
    step() { # name (its first character is the step number), timeout seconds, command...
        local name="$1" limit="$2"
        shift 2
        [[ "$steps" == *" ${name:0:1} "* ]] || return 0
        local t0=$SECONDS
        timeout "$limit" "$@" > "$out/$name.txt" 2>&1
        local rc=$?
        [ $rc -eq 0 ] || failed=$((failed + 1))
        printf '%-34s rc=%-3s %4ss\n' "$name" "$rc" "$((SECONDS - t0))" >> "$out/summary.txt"
    }
    step 1-check-cuda 60 bash native-setup/check-cuda.sh "$dir/helixff-all.jar"
    step 2-backend 150 "$java" "${jopts[@]}" -jar "$dir/helixff-all.jar" backend --json
    local tests=(--select-class org.helixff.compute.cuda.CudaParityTest
        --select-class org.helixff.descriptor.CudaSoapEngineContractTest
        --select-class org.helixff.compute.BackendsTest
        --select-class org.helixff.compute.cuda.GpuFaultHandlingTest
        --select-class org.helixff.compute.cuda.PtxResourcesTest
        --select-class org.helixff.compute.cuda.LaunchPlansAndPairsTest
        --select-class org.helixff.compute.KernelSizeLimitsTest)
    command -v nvcc >/dev/null && tests+=(--select-class org.helixff.compute.cuda.HostKernelParityTest)
    step 3-parity-tests 360 "$java" "${jopts[@]}" -Dhelixff.requireCuda=true \
        -jar "$dir/lib/junit-platform-console-standalone-1.14.1.jar" execute \
        --class-path "$dir/test-classes:$dir/helixff-all.jar:$dir/lib/snakeyaml-2.3.jar" \
        --details=tree --disable-banner "${tests[@]}"
    step 4-check-cublas 120 "$java" "${jopts[@]}" -jar "$dir/helixff-all.jar" backend --backend cuda --check --periods 5 --repeats 3
    step 4-check-builtin-gemm 120 "$java" "${jopts[@]}" -Dhelixff.cublas=false -jar "$dir/helixff-all.jar" \
        backend --backend cuda --check --periods 5 --repeats 3
    step 5-ef-50k-cublas 170 "$java" "${jopts[@]}" -jar "$dir/helixff-all.jar" backend --backend cuda --check \
        --periods 1250 --references 1000 --repeats 3 --json
    step 6-ef-50k-builtin-gemm 170 "$java" "${jopts[@]}" -Dhelixff.cublas=false -jar "$dir/helixff-all.jar" \
        backend --backend cuda --check --periods 1250 --references 1000 --repeats 3 --json
    rm -rf "$tmp"
    echo "failed steps: $failed" >> "$out/summary.txt"
    cat "$out/summary.txt"
    return $failed
}

case "$mode" in
    prepare) prepare ;;
    run) shift; run "$@" ;;
    *) echo "usage: native-setup/gpu-check.sh prepare | run [OUTDIR]" >&2; exit 2 ;;
esac
