#!/usr/bin/env bash
# Reports what the HelixFF CUDA backend needs on this machine and whether it is there:
#   - NVIDIA driver and devices (nvidia-smi), driver library libcuda.so.1
#   - the JCuda native libraries in the jar, the shared libraries each needs, and whether they resolve
#     (HelixFF needs libJCudaDriver, which needs only libcuda.so.1; it uses libJCublas2 when its
#     libcublas.so.12 resolves (cuBLAS products), else the built-in GEMM kernels; libJNvrtc and the others
#     are not used)
#   - java, jlink (for a runtime image on GPU machines without Java), nvcc / ptxas (developers only)
#   - finally the program's own probe (helixff backend), when a runnable jar is given or found
#
#   native-setup/check-cuda.sh [path/to/helixff-VERSION-all.jar]
# Exit code 0 when libJCudaDriver's dependencies resolve and a device is visible, 1 otherwise.
set -uo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="${1:-}"
if [ -z "$jar" ]; then
    jar="$(ls "$root"/target/helixff-*-all.jar 2>/dev/null | head -n1)"
fi
status=0
say() { printf '%-28s %s\n' "$1" "$2"; }

echo "== driver and devices"
if command -v nvidia-smi >/dev/null; then
    say "nvidia-smi" "$(nvidia-smi --query-gpu=driver_version --format=csv,noheader 2>/dev/null | head -n1 || echo 'failed')"
    nvidia-smi --query-gpu=index,name,compute_cap,memory.total --format=csv,noheader 2>/dev/null \
        | sed 's/^/  device /' || true
    [ "$(nvidia-smi -L 2>/dev/null | wc -l)" -gt 0 ] || { say "devices" "none visible"; status=1; }
else
    say "nvidia-smi" "not found (no NVIDIA driver?)"
    status=1
fi
say "CUDA_VISIBLE_DEVICES" "${CUDA_VISIBLE_DEVICES:-(unset)}"
libcuda="$(ldconfig -p 2>/dev/null | awk '/libcuda\.so\.1 /{print $NF; exit}')"
say "libcuda.so.1" "${libcuda:-NOT FOUND (install the NVIDIA driver; >= 525 for JCuda 12.6, the PTX is ISA 6.3)}"
libcublas="$(ldconfig -p 2>/dev/null | awk '/libcublas\.so\.12 /{print $NF; exit}')"
say "libcublas.so.12" "${libcublas:-not found (optional: the kernel products use the built-in GEMM kernels)}"
[ -n "$libcuda" ] || status=1

echo "== JCuda native libraries"
natives=""
if [ -n "$jar" ] && [ -f "$jar" ]; then
    natives="$jar"
else
    natives="$(ls ~/.m2/repository/org/jcuda/jcuda-natives/*/jcuda-natives-*-linux-x86_64.jar 2>/dev/null | tail -n1)"
fi
if [ -z "$natives" ]; then
    say "natives" "no jar found (pass the shaded jar, or run mvn package first)"
    status=1
else
    say "natives from" "$natives"
    tmp="$(mktemp -d)"
    trap 'rm -rf "$tmp"' EXIT
    if unzip -q -o "$natives" 'lib/*.so' -d "$tmp" 2>/dev/null; then
        for so in "$tmp"/lib/*.so; do
            name="$(basename "$so")"
            missing="$(ldd "$so" 2>/dev/null | awk '/not found/{print $1}' | tr '\n' ' ')"
            needs="$(objdump -p "$so" 2>/dev/null | awk '/NEEDED/{print $2}' | grep -E 'cuda|nvrtc|cublas|nvPTX' | tr '\n' ' ')"
            used="unused"
            case "$name" in
                libJCudaDriver-*) used="USED" ;;
                libJCublas2-*) used="OPTIONAL" ;;
            esac
            if [ -z "$missing" ]; then
                say "$name" "[$used] needs ${needs:-only libc} -> resolves"
            else
                say "$name" "[$used] needs ${needs:-?} -> MISSING: $missing"
                [ "$used" = "USED" ] && status=1
            fi
        done
    else
        say "natives" "the jar holds no lib/*.so (not the shaded jar?)"
        status=1
    fi
fi

echo "== tools"
for t in java jlink nvcc ptxas; do
    if command -v "$t" >/dev/null; then
        case "$t" in
            java|jlink) v="$("$t" --version 2>&1 | head -n1)" ;;
            nvcc) v="$(nvcc --version | tail -n2 | head -n1)" ;;
            ptxas) v="$(ptxas --version | tail -n1)" ;;
        esac
        say "$t" "$v"
    else
        case "$t" in
            nvcc|ptxas) say "$t" "not found (only needed to rebuild the PTX / run the host-build kernel tests)" ;;
            *) say "$t" "not found" ;;
        esac
    fi
done

if [ -n "$jar" ] && [ -f "$jar" ] && command -v java >/dev/null; then
    echo "== helixff backend (the program's own probe)"
    tmpdir="$(mktemp -d)"
    java -Djava.io.tmpdir="$tmpdir" -jar "$jar" backend || status=1
    rm -rf "$tmpdir"
fi
exit $status
