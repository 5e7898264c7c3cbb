package org.helixff.compute.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The GPU path's failure handling that needs no GPU: error classification, out-of-memory chunking (with a
 * body that fails like the driver), the time limit of the probe and self-check, and the cuBLAS probe on a
 * machine without libcublas.so.12 (one line, built-in GEMM kernels, never a crash).
 */
class GpuFaultHandlingTest {
    @Test
    void faultsAreClassifiedFromTheDriverErrorName() {
        assertEquals(CudaFaults.Kind.OUT_OF_MEMORY, CudaFaults.classify("CUDA allocation of 8 B failed: CUDA_ERROR_OUT_OF_MEMORY"));
        assertEquals(CudaFaults.Kind.OUT_OF_MEMORY, CudaFaults.classify("cublasDgemm failed: CUBLAS_STATUS_ALLOC_FAILED"));
        for (String sticky : CudaFaults.STICKY_ERRORS) {
            assertEquals(CudaFaults.Kind.STICKY, CudaFaults.classify("CUDA launch of k failed: " + sticky), sticky);
        }
        assertEquals(CudaFaults.Kind.OTHER, CudaFaults.classify("CUDA launch failed: CUDA_ERROR_INVALID_VALUE"));
        assertEquals(CudaFaults.Kind.OTHER, CudaFaults.classify("CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES"),
                "too many resources for a launch is not a sticky fault");
        assertEquals(CudaFaults.Kind.OTHER, CudaFaults.classify(null));
        assertEquals(CudaFaults.Kind.STICKY, new CudaDriverException("x", new RuntimeException("CUDA_ERROR_ILLEGAL_ADDRESS")).kind(),
                "the kind comes from the cause's message too");
    }

    @Test
    void chunksFitTheFreeMemory() {
        assertEquals(100, Chunks.fit(100, 1000, 0, 0), "free memory unknown: one chunk");
        assertEquals(100, Chunks.fit(100, 1000, 0, 1L << 40), "plenty of memory: one chunk");
        // 0.8 * 1e6 - 2e5 = 6e5 bytes of room at 1e4 per item: 60 items
        assertEquals(60, Chunks.fit(100, 10_000, 200_000, 1_000_000));
        assertEquals(1, Chunks.fit(100, 10_000_000, 0, 1_000_000), "never below one item");
        assertEquals(1, Chunks.fit(0, 10, 0, 100));
        System.setProperty(Chunks.MAX_CHUNK_PROPERTY, "7");
        try {
            assertEquals(7, Chunks.fit(100, 1000, 0, 0), "capped by the property");
        } finally {
            System.clearProperty(Chunks.MAX_CHUNK_PROPERTY);
        }
    }

    private static CudaDriverException oom() {
        return new CudaDriverException("CUDA allocation of 1 B for device buffer 'x' failed: CUDA_ERROR_OUT_OF_MEMORY", null);
    }

    @Test
    void outOfMemoryHalvesTheChunkAndCoversEveryItemOnceInOrder() {
        List<int[]> done = new ArrayList<>();
        int[] releases = {0};
        Chunks.run(37, 37, "centres", () -> releases[0]++, (from, to) -> {
            if (to - from > 5) {
                throw oom();
            }
            done.add(new int[] {from, to});
        });
        int next = 0;
        for (int[] r : done) {
            assertEquals(next, r[0], "contiguous, in order");
            assertTrue(r[1] - r[0] <= 5 && r[1] > r[0]);
            next = r[1];
        }
        assertEquals(37, next, "every item once");
        assertEquals(3, releases[0], "37 -> 18 -> 9 -> 4: three failures, scratch released before each retry");
    }

    @Test
    void outOfMemoryForOneItemAndOtherFaultsAreReported() {
        CudaDriverException e = assertThrows(CudaDriverException.class,
                () -> Chunks.run(4, 4, "centres", () -> { }, (from, to) -> {
                    throw oom();
                }));
        assertTrue(e.getMessage().startsWith("out of GPU memory even for one of 4 centres"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertEquals(CudaFaults.Kind.OUT_OF_MEMORY, e.kind());
        int[] releases = {0};
        CudaDriverException sticky = new CudaDriverException("launch failed: CUDA_ERROR_ILLEGAL_ADDRESS", null);
        assertSame(sticky, assertThrows(CudaDriverException.class,
                () -> Chunks.run(4, 4, "centres", () -> releases[0]++, (from, to) -> {
                    throw sticky;
                })), "a sticky fault is not split: it goes to the engine, which resets the context");
        assertEquals(0, releases[0]);
    }

    /**
     * What an engine does with a failed GPU call: an explicit CUDA engine gets the exception; an AUTO engine
     * finishes the call on the CPU after a sticky fault (and every later call, without touching the GPU) or
     * after an out-of-memory that splitting could not cure (later calls try the GPU again); other errors are
     * reported either way.
     */
    @Test
    void enginesFallBackToTheCpuOnlyForAutoAndOnlyForFaultsAndMemory() {
        CudaDriverException sticky = new CudaDriverException("CUDA launch of k failed: CUDA_ERROR_ILLEGAL_ADDRESS", null);
        CudaDriverException other = new CudaDriverException("CUDA launch of k failed: CUDA_ERROR_INVALID_VALUE", null);
        java.util.function.Supplier<String> cpu = () -> "cpu";
        try {
            CudaRuntime.clearFaultForTests();
            assertSame(other, assertThrows(CudaDriverException.class, () -> CudaRuntime.guarded(true, () -> {
                throw other;
            }, cpu)));
            assertThrows(CudaDriverException.class, () -> CudaRuntime.guarded(false, () -> {
                throw oom();
            }, cpu), "explicit CUDA: no silent fallback");
            assertEquals("cpu", CudaRuntime.guarded(true, () -> {
                throw oom();
            }, cpu));
            assertNull(CudaRuntime.faultReason(), "out of memory does not mark the GPU lost");
            assertEquals("gpu", CudaRuntime.guarded(true, () -> "gpu", cpu));
            assertSame(sticky, assertThrows(CudaDriverException.class, () -> CudaRuntime.guarded(false, () -> {
                throw sticky;
            }, cpu)));
            assertEquals("cpu", CudaRuntime.guarded(true, () -> {
                throw sticky;
            }, cpu));
            assertEquals(sticky.getMessage(), CudaRuntime.faultReason(), "the fault is recorded for AUTO");
            assertEquals("cpu", CudaRuntime.guarded(true, () -> {
                throw new AssertionError("an AUTO engine must not touch the GPU after a fault");
            }, cpu));
            assertEquals("gpu", CudaRuntime.guarded(false, () -> "gpu", cpu), "explicit CUDA still tries the GPU");
        } finally {
            CudaRuntime.clearFaultForTests();
        }
    }

    @Test
    void timeLimitReturnsTheTimeoutAnswerAndPassesResultsAndErrors() {
        long t0 = System.nanoTime();
        String r = CudaRuntime.withTimeout("test-slow", 0.2, () -> {
            try {
                Thread.sleep(20_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "finished";
        }, s -> "timed out after " + s + " s");
        assertEquals("timed out after 0.2 s", r);
        assertTrue((System.nanoTime() - t0) * 1e-9 < 5, "did not wait for the body");
        assertEquals("ok", CudaRuntime.withTimeout("test-fast", 10, () -> "ok", s -> "late"));
        assertThrows(IllegalStateException.class, () -> CudaRuntime.withTimeout("test-throw", 10, () -> {
            throw new IllegalStateException("boom");
        }, s -> "late"));
        System.setProperty("helixff.test.seconds", "abc");
        try {
            assertEquals(7.0, CudaRuntime.seconds("helixff.test.seconds", 7));
            System.setProperty("helixff.test.seconds", "-3");
            assertEquals(7.0, CudaRuntime.seconds("helixff.test.seconds", 7), "non-positive: default");
            System.setProperty("helixff.test.seconds", "2.5");
            assertEquals(2.5, CudaRuntime.seconds("helixff.test.seconds", 7));
        } finally {
            System.clearProperty("helixff.test.seconds");
        }
    }

    @Test
    void jitLogBecomesOneLine() {
        assertEquals("", CudaRuntime.jitLog(null));
        assertEquals("", CudaRuntime.jitLog("\0\0\0"));
        assertEquals("; JIT log: ptxas fatal : Unresolved extern function 'f'",
                CudaRuntime.jitLog("ptxas fatal   : Unresolved extern\n function 'f'\n\0garbage"));
    }

    /**
     * JCuda 12.6's libJCublas2 needs libcublas.so.12; where it is missing (this machine, and CUDA-13-only GPU
     * machines) the probe answers in one line, the products use the built-in GEMM kernels (no handle is
     * made), one INFO line per process says so, and nothing throws.
     */
    @Test
    void missingCublasFallsBackToTheBuiltInGemmWithOneLine() {
        String why = Cublas.probeNatives();
        org.junit.jupiter.api.Assumptions.assumeTrue(why != null, "cuBLAS natives load here");
        assertSame(why, Cublas.probeNatives(), "probed once per process");
        assertFalse(why.contains("\n"), why);
        if (!why.startsWith("disabled")) {
            assertTrue(why.contains("libcublas.so.12") || why.contains("JCublas2"), why);
        }
        Logger jul = Logger.getLogger("org.helixff.compute");
        List<LogRecord> records = new ArrayList<>();
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                if (r.getMessage() != null && r.getMessage().startsWith("cuBLAS")) {
                    records.add(r);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jul.addHandler(h);
        try {
            for (int i = 0; i < 3; i++) {
                assertNull(Cublas.open(() -> {
                    throw new AssertionError("no handle without the natives");
                }));
            }
            assertEquals(why, Cublas.failure());
            assertTrue(records.size() <= 1, "at most one line per process (an earlier test may have logged it)");
            for (LogRecord r : records) {
                assertEquals(Level.INFO, r.getLevel());
                String text = new java.util.logging.SimpleFormatter().formatMessage(r);
                assertTrue(text.contains(why) && text.contains("built-in GEMM kernels"), text);
                assertFalse(text.contains("\n"));
            }
        } finally {
            jul.removeHandler(h);
        }
    }
}
