// HelixFF CUDA kernels: the thread-block abstraction shared by every kernel.
//
// Every kernel is written once as a "block program": a __host__ __device__ template over an executor
// type B that runs phases. A phase is a lambda f(tid) that every thread of the block executes; phases
// are separated by a block barrier. Variables declared outside the lambdas must be block-uniform
// (the same for every thread); per-thread state that lives across phases is declared as
// `typename B::template Private<T>` and indexed with the thread id.
//
//   DeviceBlock (GPU):  f(threadIdx.x), then __syncthreads();  Private<T> is one register per thread.
//   HostBlock   (CPU):  f(0), f(1), ..., f(nt - 1) in turn;      Private<T> holds one T per thread.
//
// Running the phases of one block thread by thread in order is a legal schedule of the barrier
// program (no phase reads what another thread writes in the same phase), so a host build executes
// exactly the arithmetic a GPU executes, only serially: that is how the kernels are checked on
// machines without a GPU (kernels/host/host_driver.cu, HostKernelParityTest).
#ifndef HELIXFF_BLOCK_CUH
#define HELIXFF_BLOCK_CUH

#define HFF_HD __host__ __device__

/** Executor of a block program on the GPU (one block of blockDim.x threads). */
struct DeviceBlock {
    int nt; // threads per block (blockDim.x)

    template <class F>
    HFF_HD void phase(F f) const {
#ifdef __CUDA_ARCH__
        f((int) threadIdx.x);
        __syncthreads();
#else
        (void) f;
#endif
    }

    template <class T>
    struct Private {
        T v;
        HFF_HD T& operator()(int) { return v; }
    };
};

/** Executor of a block program on the host: the threads of one block, one after the other. */
struct HostBlock {
    int nt; // threads per block, at most HELIXFF_HOST_MAX_THREADS

    template <class F>
    HFF_HD void phase(F f) const {
        for (int t = 0; t < nt; ++t) {
            f(t);
        }
    }

    template <class T>
    struct Private {
        T v[1024];
        HFF_HD T& operator()(int t) { return v[t]; }
    };
};

#define HELIXFF_HOST_MAX_THREADS 1024

#endif
