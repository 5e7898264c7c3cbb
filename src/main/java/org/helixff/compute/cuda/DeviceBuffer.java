package org.helixff.compute.cuda;

import static jcuda.driver.JCudaDriver.cuMemAlloc;
import static jcuda.driver.JCudaDriver.cuMemFree;
import static jcuda.driver.JCudaDriver.cuMemcpyDtoH;
import static jcuda.driver.JCudaDriver.cuMemcpyHtoD;
import static jcuda.driver.JCudaDriver.cuMemsetD8;

import jcuda.CudaException;
import jcuda.Pointer;
import jcuda.driver.CUdeviceptr;

/**
 * One allocation of device memory. Either owned by one call (try-with-resources, freed by {@link #close()}),
 * or held by the context's {@link DeviceMemory} (scratch buffers reused across calls, resident model data),
 * which frees it. Use inside {@link CudaRuntime.Context#run}. Driver errors become
 * {@link CudaDriverException}s naming the buffer, the size and the driver's error (their kind says whether
 * it was out of memory). Transfers are counted in {@link CudaStats}. Not thread-safe.
 */
final class DeviceBuffer implements AutoCloseable {
    private final CUdeviceptr ptr = new CUdeviceptr();
    private final String name;
    private final long bytes;
    private boolean closed;

    private DeviceBuffer(String name, long bytes) {
        this.name = name;
        this.bytes = bytes;
        try {
            cuMemAlloc(ptr, Math.max(bytes, 8));
        } catch (CudaException e) {
            throw fail("allocation of " + bytes + " B", e);
        }
        CudaStats.allocation();
    }

    /** Uninitialised memory of {@code bytes} bytes. */
    static DeviceBuffer bytes(String name, long bytes) {
        return new DeviceBuffer(name, bytes);
    }

    /** Uninitialised memory for {@code count} doubles. */
    static DeviceBuffer doubles(String name, long count) {
        return new DeviceBuffer(name, count * Double.BYTES);
    }

    /** Zeroed memory for {@code count} doubles. */
    static DeviceBuffer zeros(String name, long count) {
        DeviceBuffer b = new DeviceBuffer(name, count * Double.BYTES);
        try {
            b.clear(b.bytes);
        } catch (CudaDriverException e) {
            b.close();
            throw e;
        }
        return b;
    }

    /** A device copy of a host array. */
    static DeviceBuffer of(String name, double[] host) {
        DeviceBuffer b = new DeviceBuffer(name, (long) host.length * Double.BYTES);
        try {
            b.put(host, host.length);
        } catch (CudaDriverException e) {
            b.close();
            throw e;
        }
        return b;
    }

    /** A device copy of a host array. */
    static DeviceBuffer of(String name, int[] host) {
        DeviceBuffer b = new DeviceBuffer(name, (long) host.length * Integer.BYTES);
        try {
            b.put(host, host.length);
        } catch (CudaDriverException e) {
            b.close();
            throw e;
        }
        return b;
    }

    /** Size in bytes. */
    long bytes() {
        return bytes;
    }

    String name() {
        return name;
    }

    /** Copies the first {@code count} doubles of {@code src} to the start of this buffer. */
    void put(double[] src, int count) {
        copyIn(Pointer.to(src), (long) count * Double.BYTES);
    }

    /** Copies the first {@code count} ints of {@code src} to the start of this buffer. */
    void put(int[] src, int count) {
        copyIn(Pointer.to(src), (long) count * Integer.BYTES);
    }

    private void copyIn(Pointer src, long n) {
        if (n > bytes) {
            throw new IllegalArgumentException("device buffer " + name + " holds " + bytes + " B, asked to upload " + n);
        }
        if (n == 0) {
            return;
        }
        long t0 = System.nanoTime();
        try {
            cuMemcpyHtoD(ptr, src, n);
        } catch (CudaException e) {
            throw fail("upload of " + n + " B", e);
        }
        CudaStats.upload(n, System.nanoTime() - t0);
    }

    /** Sets the first {@code n} bytes to zero. */
    void clear(long n) {
        if (n > bytes) {
            throw new IllegalArgumentException("device buffer " + name + " holds " + bytes + " B, asked to clear " + n);
        }
        if (n == 0) {
            return;
        }
        try {
            cuMemsetD8(ptr, (byte) 0, n);
        } catch (CudaException e) {
            throw fail("clearing of " + n + " B", e);
        }
    }

    /** Copies the first {@code dst.length} doubles back to the host. */
    void download(double[] dst) {
        download(dst, 0, dst.length);
    }

    /** Copies the first {@code count} doubles of this buffer to {@code dst[offset ..]}. */
    void download(double[] dst, int offset, int count) {
        long n = (long) count * Double.BYTES;
        if (n > bytes) {
            throw new IllegalArgumentException("device buffer " + name + " holds " + bytes + " B, asked for " + n);
        }
        if (n == 0) {
            return;
        }
        long t0 = System.nanoTime();
        try {
            cuMemcpyDtoH(Pointer.to(dst).withByteOffset((long) offset * Double.BYTES), ptr, n);
        } catch (CudaException e) {
            throw fail("download of " + n + " B", e);
        }
        CudaStats.download(n, System.nanoTime() - t0);
    }

    /** The kernel argument pointing at this buffer. */
    Pointer arg() {
        return Pointer.to(ptr);
    }

    /** The device pointer (for cuBLAS). */
    CUdeviceptr pointer() {
        return ptr;
    }

    private CudaDriverException fail(String what, CudaException e) {
        return new CudaDriverException("CUDA " + what + " for device buffer '" + name + "' failed: " + e.getMessage(), e);
    }

    /** Marks the buffer freed without calling the driver (its context was reset, which freed it). */
    void forget() {
        closed = true;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try {
                cuMemFree(ptr);
            } catch (CudaException e) {
                throw fail("free of " + bytes + " B", e);
            }
        }
    }
}
