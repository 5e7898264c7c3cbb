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
 * One allocation of device memory, freed by {@link #close()} (use in try-with-resources, inside
 * {@link CudaRuntime.Context#run}). Driver errors become {@link CudaDriverException}s naming the
 * buffer and its size. Not thread-safe (a buffer belongs to one call).
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
    }

    /** Uninitialised memory for {@code count} doubles. */
    static DeviceBuffer doubles(String name, long count) {
        return new DeviceBuffer(name, count * Double.BYTES);
    }

    /** Zeroed memory for {@code count} doubles. */
    static DeviceBuffer zeros(String name, long count) {
        DeviceBuffer b = new DeviceBuffer(name, count * Double.BYTES);
        try {
            cuMemsetD8(b.ptr, (byte) 0, Math.max(b.bytes, 8));
        } catch (CudaException e) {
            b.close();
            throw b.fail("clearing", e);
        }
        return b;
    }

    /** A device copy of a host array. */
    static DeviceBuffer of(String name, double[] host) {
        DeviceBuffer b = new DeviceBuffer(name, (long) host.length * Double.BYTES);
        b.copyIn(Pointer.to(host));
        return b;
    }

    /** A device copy of a host array. */
    static DeviceBuffer of(String name, int[] host) {
        DeviceBuffer b = new DeviceBuffer(name, (long) host.length * Integer.BYTES);
        b.copyIn(Pointer.to(host));
        return b;
    }

    private void copyIn(Pointer src) {
        if (bytes == 0) {
            return;
        }
        try {
            cuMemcpyHtoD(ptr, src, bytes);
        } catch (CudaException e) {
            close();
            throw fail("upload of " + bytes + " B", e);
        }
    }

    /** Copies the first {@code dst.length} doubles back to the host. */
    void download(double[] dst) {
        long n = (long) dst.length * Double.BYTES;
        if (n > bytes) {
            throw new IllegalArgumentException("device buffer " + name + " holds " + bytes + " B, asked for " + n);
        }
        if (n == 0) {
            return;
        }
        try {
            cuMemcpyDtoH(Pointer.to(dst), ptr, n);
        } catch (CudaException e) {
            throw fail("download of " + n + " B", e);
        }
    }

    /** The kernel argument pointing at this buffer. */
    Pointer arg() {
        return Pointer.to(ptr);
    }

    private CudaDriverException fail(String what, CudaException e) {
        return new CudaDriverException("CUDA " + what + " for device buffer '" + name + "' failed: " + e.getMessage(), e);
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
