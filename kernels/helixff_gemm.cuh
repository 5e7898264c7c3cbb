// HelixFF CUDA kernels: tiled dense products in double precision (block programs, see helixff_block.cuh).
//
// Both products give each output element to one thread, which accumulates over the inner index in
// increasing order, tile after tile, starting from zero: the same sequence of operations as the CPU
// loops of KernelMath (multTransB: C = A B^T; mult: C = A B, skipping zero entries of A). Tiles are
// GEMM_TILE x GEMM_TILE outputs per block of GEMM_TILE^2 threads, the inner index is staged through
// shared memory GEMM_DEPTH at a time. Rows of C run along blockIdx.x (up to 2^31 - 1 tiles), columns
// along blockIdx.y.
#ifndef HELIXFF_GEMM_CUH
#define HELIXFF_GEMM_CUH

#include "helixff_block.cuh"

#define GEMM_TILE 16
#define GEMM_DEPTH 16
#define GEMM_THREADS (GEMM_TILE * GEMM_TILE)
/** Shared doubles of either product: two staged tiles (padded rows against bank conflicts). */
#define GEMM_SMEM (2 * GEMM_TILE * (GEMM_DEPTH + 1))

/**
 * C[row, col] = epi(row, col, sum_k A[row, k] B[col, k]) for the block's tile, A: rows x depth with row
 * stride lda, B: cols x depth with row stride ldb. epi is called once per valid (row, col).
 */
template <class B, class Epi>
HFF_HD void gemm_abt_block(const B& b, int tile_row, int tile_col, int rows, int cols, int depth, const double* a,
        long long lda, const double* bm, long long ldb, const Epi& epi, double* smem) {
    double* as = smem;                               // [r][kk], row stride GEMM_DEPTH + 1
    double* bs = smem + GEMM_TILE * (GEMM_DEPTH + 1); // [c][kk]
    const int r0 = tile_row * GEMM_TILE;
    const int c0 = tile_col * GEMM_TILE;
    typename B::template Private<double> acc;
    b.phase([&](int t) { acc(t) = 0.0; });
    for (int k0 = 0; k0 < depth; k0 += GEMM_DEPTH) {
        const int kn = depth - k0 < GEMM_DEPTH ? depth - k0 : GEMM_DEPTH;
        b.phase([&](int t) {
            for (int it = t; it < 2 * GEMM_TILE * GEMM_DEPTH; it += b.nt) {
                int which = it / (GEMM_TILE * GEMM_DEPTH);
                int rem = it - which * GEMM_TILE * GEMM_DEPTH;
                int i = rem / GEMM_DEPTH;
                int kk = rem - i * GEMM_DEPTH;
                if (which == 0) {
                    int row = r0 + i;
                    as[i * (GEMM_DEPTH + 1) + kk] = row < rows && kk < kn ? a[row * lda + k0 + kk] : 0.0;
                } else {
                    int col = c0 + i;
                    bs[i * (GEMM_DEPTH + 1) + kk] = col < cols && kk < kn ? bm[col * ldb + k0 + kk] : 0.0;
                }
            }
        });
        b.phase([&](int t) {
            int ty = t / GEMM_TILE;
            int tx = t - ty * GEMM_TILE;
            double s = acc(t);
            for (int kk = 0; kk < kn; ++kk) {
                s += as[ty * (GEMM_DEPTH + 1) + kk] * bs[tx * (GEMM_DEPTH + 1) + kk];
            }
            acc(t) = s;
        });
    }
    b.phase([&](int t) {
        int ty = t / GEMM_TILE;
        int tx = t - ty * GEMM_TILE;
        int row = r0 + ty;
        int col = c0 + tx;
        if (row < rows && col < cols) {
            epi(row, col, acc(t));
        }
    });
}

/**
 * C[row, col] = sum_t A[row, t] B[t, col] over t with A[row, t] != 0, A: rows x inner (stride lda),
 * B: inner x cols (stride ldb), C: rows x cols (stride ldc), overwritten.
 */
template <class B>
HFF_HD void gemm_ab_block(const B& b, int tile_row, int tile_col, int rows, int cols, int inner, const double* a,
        long long lda, const double* bm, long long ldb, double* cm, long long ldc, double* smem) {
    double* as = smem;                               // [r][tt]
    double* bs = smem + GEMM_TILE * (GEMM_DEPTH + 1); // [c][tt] (transposed while staging)
    const int r0 = tile_row * GEMM_TILE;
    const int c0 = tile_col * GEMM_TILE;
    typename B::template Private<double> acc;
    b.phase([&](int t) { acc(t) = 0.0; });
    for (int k0 = 0; k0 < inner; k0 += GEMM_DEPTH) {
        const int kn = inner - k0 < GEMM_DEPTH ? inner - k0 : GEMM_DEPTH;
        b.phase([&](int t) {
            for (int it = t; it < 2 * GEMM_TILE * GEMM_DEPTH; it += b.nt) {
                int which = it / (GEMM_TILE * GEMM_DEPTH);
                int rem = it - which * GEMM_TILE * GEMM_DEPTH;
                if (which == 0) {
                    int i = rem / GEMM_DEPTH;
                    int kk = rem - i * GEMM_DEPTH;
                    int row = r0 + i;
                    as[i * (GEMM_DEPTH + 1) + kk] = row < rows && kk < kn ? a[row * lda + k0 + kk] : 0.0;
                } else {
                    int kk = rem / GEMM_TILE; // consecutive threads read consecutive columns
                    int i = rem - kk * GEMM_TILE;
                    int col = c0 + i;
                    bs[i * (GEMM_DEPTH + 1) + kk] = col < cols && kk < kn ? bm[(k0 + kk) * ldb + col] : 0.0;
                }
            }
        });
        b.phase([&](int t) {
            int ty = t / GEMM_TILE;
            int tx = t - ty * GEMM_TILE;
            double s = acc(t);
            for (int kk = 0; kk < kn; ++kk) {
                double x = as[ty * (GEMM_DEPTH + 1) + kk];
                if (x != 0.0) {
                    s += x * bs[tx * (GEMM_DEPTH + 1) + kk];
                }
            }
            acc(t) = s;
        });
    }
    b.phase([&](int t) {
        int ty = t / GEMM_TILE;
        int tx = t - ty * GEMM_TILE;
        int row = r0 + ty;
        int col = c0 + tx;
        if (row < rows && col < cols) {
            cm[row * ldc + col] = acc(t);
        }
    });
}

#endif
