// HelixFF: host build of every CUDA block program, for checking the kernels' arithmetic where no GPU
// exists (test only; never part of the PTX). Built by HostKernelParityTest with
//   nvcc -x cu -std=c++17 -O2 -I kernels kernels/host/host_driver.cu -o helixff-host-driver
// Usage: helixff-host-driver INPUT OUTPUT. Both files hold named arrays, little endian:
//   int32 name length, name bytes, int32 type (0 int32, 1 float64), int64 count, data.
// Input "job" (int32) selects "soap" (1) or "kernel" (2); see run_soap / run_kernel for the names.
//
// Each grid is executed block after block with HostBlock (helixff_block.cuh): the threads of a block
// run phase by phase in thread order. Shared memory is exactly the size the launch would give,
// filled with NaN before each block (a read of anything not written in the same block shows up as
// NaN in the output) and followed by a NaN guard that must survive. Buffers the launchers clear
// (cuMemsetD8) start at zero here; every other output starts as NaN, so an unwritten element fails.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "../soap_coefficients.cu"
#include "../soap_backprop.cu"
#include "../soap_jacobian.cu"
#include "../kernel_eval.cu"
#include "../kernel_design.cu"

namespace {

struct Array {
    int type = 0;
    std::vector<int32_t> i;
    std::vector<double> d;
};

using Arrays = std::map<std::string, Array>;
const double NaN = std::numeric_limits<double>::quiet_NaN();

[[noreturn]] void fail(const std::string& msg) {
    std::fprintf(stderr, "host driver: %s\n", msg.c_str());
    std::exit(3);
}

Arrays read_arrays(const char* path) {
    FILE* f = std::fopen(path, "rb");
    if (!f) fail(std::string("cannot open ") + path);
    Arrays out;
    int32_t len;
    while (std::fread(&len, 4, 1, f) == 1) {
        std::string name(len, '\0');
        int32_t type;
        int64_t count;
        if (std::fread(&name[0], 1, len, f) != (size_t) len || std::fread(&type, 4, 1, f) != 1
                || std::fread(&count, 8, 1, f) != 1) fail("truncated header");
        Array a;
        a.type = type;
        if (type == 0) {
            a.i.resize(count);
            if (count && std::fread(a.i.data(), 4, count, f) != (size_t) count) fail("truncated " + name);
        } else {
            a.d.resize(count);
            if (count && std::fread(a.d.data(), 8, count, f) != (size_t) count) fail("truncated " + name);
        }
        out[name] = std::move(a);
    }
    std::fclose(f);
    return out;
}

void write_arrays(const char* path, const Arrays& arrays) {
    FILE* f = std::fopen(path, "wb");
    if (!f) fail(std::string("cannot write ") + path);
    for (const auto& kv : arrays) {
        int32_t len = (int32_t) kv.first.size();
        int32_t type = kv.second.type;
        int64_t count = type == 0 ? (int64_t) kv.second.i.size() : (int64_t) kv.second.d.size();
        std::fwrite(&len, 4, 1, f);
        std::fwrite(kv.first.data(), 1, len, f);
        std::fwrite(&type, 4, 1, f);
        std::fwrite(&count, 8, 1, f);
        if (type == 0) std::fwrite(kv.second.i.data(), 4, count, f);
        else std::fwrite(kv.second.d.data(), 8, count, f);
    }
    std::fclose(f);
}

const std::vector<int32_t>& ints(const Arrays& a, const char* name) {
    auto it = a.find(name);
    if (it == a.end() || it->second.type != 0) fail(std::string("missing int array ") + name);
    return it->second.i;
}

const std::vector<double>& doubles(const Arrays& a, const char* name) {
    auto it = a.find(name);
    if (it == a.end() || it->second.type != 1) fail(std::string("missing double array ") + name);
    return it->second.d;
}

Array of(std::vector<double> v) {
    Array a;
    a.type = 1;
    a.d = std::move(v);
    return a;
}

Array of_ints(std::vector<int32_t> v) {
    Array a;
    a.type = 0;
    a.i = std::move(v);
    return a;
}

const int GUARD = 64;

/** Runs body(block, exec, smem) for every block with NaN-poisoned shared memory and a guard. */
template <class Body>
void run_grid(const char* kernel, long long blocks_x, long long blocks_y, int threads, long long smem_doubles,
        Body body) {
    if (threads < 1 || threads > HELIXFF_HOST_MAX_THREADS) fail("bad thread count");
    std::vector<double> smem(smem_doubles + GUARD);
    HostBlock b{threads};
    for (long long by = 0; by < blocks_y; ++by) {
        for (long long bx = 0; bx < blocks_x; ++bx) {
            std::fill(smem.begin(), smem.end(), NaN);
            body((int) bx, (int) by, b, smem.data());
            for (int g = 0; g < GUARD; ++g) {
                if (!std::isnan(smem[smem_doubles + g])) {
                    fail(std::string(kernel) + ": shared memory written beyond the launch size");
                }
            }
        }
    }
}

long long ceil_div(long long a, long long b) {
    return (a + b - 1) / b;
}

void run_soap(const Arrays& in, Arrays& out) {
    const auto& dims = ints(in, "dims"); // nmax, lmax, intervals, centres, tile_coef, tile_back, threads, entries
    const int nmax = dims[0], lmax = dims[1], intervals = dims[2], centres = dims[3];
    const int tile_coef = dims[4], tile_back = dims[5], threads = dims[6], entries = dims[7];
    const double inv_spacing = doubles(in, "inv_spacing")[0];
    const auto& table = doubles(in, "table");
    const auto& offsets = ints(in, "pair_offsets");
    const auto& geom = doubles(in, "pair_geom");
    const auto& pentry = ints(in, "pair_entry");
    const auto& pcentre = ints(in, "pair_centre");
    const auto& dEdp = doubles(in, "dEdp");
    const SoapShape s = soap_shape(nmax, lmax);
    const int pairs = offsets[centres];

    // helixff_soap_constants: one thread, once per engine on the GPU
    std::vector<double> consts((size_t) soap_constants_size(s), NaN);
    run_grid("helixff_soap_constants", 1, 1, 1, 0, [&](int, int, HostBlock& b, double*) {
        soap_constants_block(b, nmax, lmax, consts.data());
    });

    std::vector<double> coef((size_t) centres * s.ncoef, 0.0);
    std::vector<double> values((size_t) centres * s.dlen, NaN);
    long long sm_coef = soap_coefficients_smem(nmax, lmax, tile_coef);
    run_grid("helixff_soap_coefficients", centres, 1, threads, sm_coef, [&](int bx, int, HostBlock& b, double* sm) {
        soap_coefficients_block(b, bx, nmax, lmax, intervals, inv_spacing, table.data(), consts.data(), offsets.data(), geom.data(),
                tile_coef, coef.data(), values.data(), sm);
    });

    std::vector<double> lambda((size_t) centres * s.ncoef, NaN);
    std::vector<double> back((size_t) 3 * entries, 0.0);
    long long sm_back = soap_backprop_smem(nmax, lmax, tile_back);
    run_grid("helixff_soap_backprop", centres, 1, threads, sm_back, [&](int bx, int, HostBlock& b, double* sm) {
        soap_backprop_block(b, bx, nmax, lmax, intervals, inv_spacing, table.data(), consts.data(), offsets.data(), geom.data(),
                pentry.data(), tile_back, coef.data(), dEdp.data(), lambda.data(), back.data(), sm);
    });

    std::vector<double> jac((size_t) entries * 3 * s.dlen, 0.0);
    long long sm_jac = soap_jacobian_smem(nmax, lmax);
    run_grid("helixff_soap_jacobian", pairs, 1, threads, sm_jac, [&](int bx, int, HostBlock& b, double* sm) {
        soap_jacobian_block(b, bx, nmax, lmax, intervals, inv_spacing, table.data(), consts.data(), pcentre.data(), geom.data(),
                pentry.data(), coef.data(), jac.data(), sm);
    });

    out["coef"] = of(coef);
    out["values"] = of(values);
    out["backprop"] = of(back);
    out["jacobian"] = of(jac);
    out["smem"] = of_ints({(int32_t) sm_coef, (int32_t) sm_back, (int32_t) sm_jac});
}

void run_kernel(const Arrays& in, Arrays& out) {
    const auto& dims = ints(in, "dims"); // n, m, d, zeta, threads
    const int n = dims[0], m = dims[1], d = dims[2], zeta = dims[3], threads = dims[4];
    const double mu = doubles(in, "mu")[0];
    const auto& p = doubles(in, "p");
    const auto& ref = doubles(in, "ref");
    const auto& w = doubles(in, "w");

    std::vector<double> xhat((size_t) n * d, NaN), norms(n, NaN), k0((size_t) n * m, NaN);
    std::vector<double> energies(n, NaN), coef((size_t) n * m, NaN), g((size_t) n * d, NaN), dEdp((size_t) n * d, NaN);
    run_grid("helixff_kernel_normalise", ceil_div(n, ROW_TILE), 1, ROW_THREADS, ROW_SMEM,
            [&](int bx, int, HostBlock& b, double* sm) {
                kernel_normalise_rows(b, bx, n, d, p.data(), xhat.data(), norms.data(), sm);
            });
    run_grid("helixff_kernel_k0", ceil_div(n, GEMM_TILE), ceil_div(m, GEMM_TILE), GEMM_THREADS, GEMM_SMEM,
            [&](int bx, int by, HostBlock& b, double* sm) {
                StoreEpilogue epi{k0.data(), m};
                gemm_abt_block(b, bx, by, n, m, d, xhat.data(), d, ref.data(), d, epi, sm);
            });
    run_grid("helixff_kernel_energy", ceil_div(n, ROW_TILE), 1, ROW_THREADS, ROW_SMEM,
            [&](int bx, int, HostBlock& b, double* sm) {
                kernel_energy_rows(b, bx, n, m, zeta, mu, w.data(), norms.data(), k0.data(), energies.data(),
                        coef.data(), sm);
            });
    run_grid("helixff_kernel_gradient", ceil_div(n, GEMM_TILE), ceil_div(d, GEMM_TILE), GEMM_THREADS, GEMM_SMEM,
            [&](int bx, int by, HostBlock& b, double* sm) {
                gemm_ab_block(b, bx, by, n, d, m, coef.data(), m, ref.data(), d, g.data(), d, sm);
            });
    run_grid("helixff_kernel_project", ceil_div(n, ROW_TILE), 1, ROW_THREADS, ROW_SMEM,
            [&](int bx, int, HostBlock& b, double* sm) {
                kernel_project_rows(b, bx, n, d, xhat.data(), norms.data(), g.data(), dEdp.data(), sm);
            });
    out["energies"] = of(energies);
    out["dEdp"] = of(dEdp);
    out["k0"] = of(k0);
    out["norms"] = of(norms);

    if (in.count("jac")) {
        const auto& jac = doubles(in, "jac");
        const auto& entry_centre = ints(in, "entry_centre");
        const int rows = (int) (jac.size() / d);
        std::vector<double> kernel((size_t) n * m, NaN), dcoef((size_t) n * m, NaN), xj(rows, NaN);
        std::vector<double> grad((size_t) rows * m, NaN);
        run_grid("helixff_design_site", ceil_div(n, threads), 1, threads, 0, [&](int bx, int, HostBlock& b, double*) {
            design_site_block(b, bx, n, m, zeta, norms.data(), k0.data(), kernel.data(), dcoef.data());
        });
        run_grid("helixff_design_xj", ceil_div(rows, threads), 1, threads, 0, [&](int bx, int, HostBlock& b, double*) {
            design_xj_block(b, bx, rows, d, entry_centre.data(), xhat.data(), jac.data(), xj.data());
        });
        run_grid("helixff_design_rows", ceil_div(rows, GEMM_TILE), ceil_div(m, GEMM_TILE), GEMM_THREADS, GEMM_SMEM,
                [&](int bx, int by, HostBlock& b, double* sm) {
                    DesignEpilogue epi{m, entry_centre.data(), k0.data(), xj.data(), dcoef.data(), grad.data()};
                    gemm_abt_block(b, bx, by, rows, m, d, jac.data(), d, ref.data(), d, epi, sm);
                });
        out["kernel"] = of(kernel);
        out["entry_grad"] = of(grad);

        // the cuBLAS path: J R^T as a plain product (what cublasDgemm computes, here in increasing k), then
        // helixff_design_epilogue in place, on a small grid so that the grid-stride loop wraps
        std::vector<double> jrt((size_t) rows * m, NaN);
        for (int r = 0; r < rows; ++r) {
            for (int t = 0; t < m; ++t) {
                double acc = 0;
                for (int k = 0; k < d; ++k) {
                    acc += jac[(size_t) r * d + k] * ref[(size_t) t * d + k];
                }
                jrt[(size_t) r * m + t] = acc;
            }
        }
        const long long total = (long long) rows * m;
        const int grid = 3;
        run_grid("helixff_design_epilogue", grid, 1, threads, 0, [&](int bx, int, HostBlock& b, double*) {
            design_epilogue_block(b, bx, grid, total, m, entry_centre.data(), k0.data(), xj.data(), dcoef.data(),
                    jrt.data());
        });
        out["entry_grad_epilogue"] = of(jrt);
    }
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 3) fail("usage: helixff-host-driver INPUT OUTPUT");
    Arrays in = read_arrays(argv[1]);
    Arrays out;
    int job = ints(in, "job")[0];
    if (job == 1) run_soap(in, out);
    else if (job == 2) run_kernel(in, out);
    else fail("unknown job");
    write_arrays(argv[2], out);
    return 0;
}
