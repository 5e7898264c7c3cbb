package org.helixff.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import org.helixff.InvalidInputException;
import org.helixff.compute.Backend;
import org.helixff.compute.BackendReport;
import org.helixff.compute.BackendUnavailableException;
import org.helixff.compute.CudaTestSupport;
import org.helixff.compute.Engines;
import org.helixff.compute.cpu.CpuKernelEngine;
import org.helixff.compute.cpu.CpuSoapEngine;
import org.helixff.compute.cuda.CudaProbe;
import org.helixff.compute.cuda.CudaRuntime;
import org.helixff.descriptor.SoapParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Backend selection: requests, the probe, the AUTO fallback line and the explicit CUDA failure. */
class BackendsTest {
    @AfterEach
    void reset() {
        System.clearProperty(Backends.PROPERTY);
        Backends.testHooks(null, null);
    }

    /** A probe that says the GPU is usable (the AUTO decisions after the probe, on a machine without one). */
    private static CudaProbe usableProbe() {
        return new CudaProbe(true, null, null, java.util.Map.of("devices", List.of("fake device")));
    }

    private static List<LogRecord> capture(Runnable body) {
        Logger jul = Logger.getLogger("org.helixff.compute");
        List<LogRecord> records = new ArrayList<>();
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                records.add(r);
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
            body.run();
        } finally {
            jul.removeHandler(h);
        }
        return records;
    }

    @Test
    void autoFallsBackToTheCpuWithOneLineWhenTheSelfCheckFails() {
        int[] runs = {0};
        Backends.testHooks(BackendsTest::usableProbe, () -> {
            runs[0]++;
            return "largest difference above the tolerance in [descriptors]";
        });
        List<LogRecord> records = capture(() -> {
            assertEquals(Backend.CPU, Backends.resolve(Backend.AUTO));
            assertTrue(Backends.descriptorEngine(SoapParameters.defaults(), Backend.AUTO) instanceof CpuSoapEngine);
            assertSame(CpuKernelEngine.INSTANCE, Backends.kernelEngine(Backend.AUTO));
        });
        assertEquals(1, runs[0], "the self-check runs once per process");
        assertEquals(1, records.size(), "one line");
        assertEquals(Level.WARNING, records.get(0).getLevel());
        String text = new java.util.logging.SimpleFormatter().formatMessage(records.get(0));
        assertTrue(text.contains("self-check") && text.contains("[descriptors]") && text.contains("using the CPU"), text);
        assertFalse(text.contains("\n"), text);
        // and `helixff backend` tells the truth: AUTO runs on the CPU, and why
        BackendReport r = Backends.report();
        assertTrue(r.cudaAvailable(), "the probe passed");
        assertEquals(Backend.CPU, r.resolved(), "but AUTO runs on the CPU");
        assertTrue(String.valueOf(r.details().get("auto")).startsWith("cpu: CUDA self-check against the CPU engines failed"),
                String.valueOf(r.details().get("auto")));
        assertEquals(1, runs[0], "the report reuses the remembered self-check");
        assertEquals(Backend.CUDA, Backends.report(Backend.CUDA).resolved(), "an explicit request still runs on CUDA");
    }

    @Test
    void autoUsesCudaWhenTheSelfCheckPasses() {
        Backends.testHooks(BackendsTest::usableProbe, () -> null);
        assertEquals(Backend.CUDA, Backends.resolve(Backend.AUTO));
        BackendReport r = Backends.report();
        assertEquals(Backend.CUDA, r.resolved());
        assertEquals("cuda: the self-check against the CPU engines passed", r.details().get("auto"));
    }

    @Test
    void aSelfCheckThatThrowsCountsAsFailed() {
        Backends.testHooks(BackendsTest::usableProbe, () -> {
            throw new IllegalStateException("CUDA launch of k failed: CUDA_ERROR_ILLEGAL_ADDRESS");
        });
        List<LogRecord> records = capture(() -> assertEquals(Backend.CPU, Backends.resolve(Backend.AUTO)));
        assertEquals(1, records.size());
        assertTrue(new java.util.logging.SimpleFormatter().formatMessage(records.get(0)).contains("CUDA_ERROR_ILLEGAL_ADDRESS"));
    }

    @Test
    void parseAndRequestOrder() {
        assertEquals(Backend.CUDA, Backend.parse(" Cuda "));
        assertEquals(Backend.AUTO, Backend.parse(null));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Backend.parse("opencl"));
        assertTrue(e.getMessage().contains("'opencl'"), e.getMessage());
        assertEquals(Backend.AUTO, Backends.requested());
        System.setProperty(Backends.PROPERTY, "cpu");
        assertEquals(Backend.CPU, Backends.requested(), "system property");
        System.setProperty(Backends.PROPERTY, "CUDA");
        assertEquals(Backend.CUDA, Backends.requested(), "read at each request");
    }

    @Test
    void cpuNeverProbesAndGivesTheReferenceEngines() {
        assertEquals(Backend.CPU, Backends.resolve(Backend.CPU));
        assertTrue(Backends.descriptorEngine(SoapParameters.defaults(), Backend.CPU) instanceof CpuSoapEngine);
        assertSame(CpuKernelEngine.INSTANCE, Backends.kernelEngine(Backend.CPU));
        Engines cpu = Backends.engines(SoapParameters.defaults(), Backend.CPU);
        assertTrue(cpu.descriptors() instanceof CpuSoapEngine, "the CPU pair: CPU descriptors");
        assertSame(CpuKernelEngine.INSTANCE, cpu.kernels(), "the CPU pair: the CPU kernel reference");
    }

    @Test
    void probeIsRememberedAndReportsItsFindings() {
        CudaProbe p = CudaRuntime.probe();
        assertSame(p, CudaRuntime.probe(), "the probe runs once");
        assertEquals("12.6.0", p.details().get("jcuda_version"));
        assertNotNull(p.details().get("ptx"));
        if (!p.available()) {
            assertNotNull(p.reason());
            assertNotNull(p.fix());
            assertFalse(p.reason().contains("\n") || p.fix().contains("\n"), "one line each");
            assertTrue(p.fix().contains("--backend cpu"), p.fix());
        }
        BackendReport r = Backends.report();
        assertEquals(p.available(), r.cudaAvailable());
        assertEquals(Backend.AUTO, r.requested());
        assertEquals(p.available() && Backends.autoCpuReason() == null ? Backend.CUDA : Backend.CPU, r.resolved(),
                "what AUTO will actually use");
    }

    @Test
    void explicitCudaWithoutAGpuFailsWithReasonAndFixInOneLine() {
        CudaTestSupport.assumeNoCuda();
        BackendUnavailableException e = assertThrows(BackendUnavailableException.class,
                () -> Backends.resolve(Backend.CUDA));
        String msg = e.getMessage();
        assertFalse(msg.contains("\n"), "one line: " + msg);
        assertTrue(msg.startsWith("CUDA backend unavailable: "), msg);
        assertTrue(msg.contains(CudaRuntime.probe().reason()) && msg.contains("fix: "), msg);
        assertThrows(BackendUnavailableException.class,
                () -> Backends.descriptorEngine(SoapParameters.defaults(), Backend.CUDA));
        assertThrows(BackendUnavailableException.class, () -> Backends.kernelEngine(Backend.CUDA));
        assertNull(Backends.report(Backend.CUDA).resolved(), "the report says CUDA cannot run");
    }

    @Test
    void autoFallsBackToTheCpuWithOneInfoLine() {
        CudaTestSupport.assumeNoCuda();
        Logger jul = Logger.getLogger("org.helixff.compute");
        List<LogRecord> records = new ArrayList<>();
        Handler h = new Handler() {
            @Override
            public void publish(LogRecord r) {
                records.add(r);
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
            Backends.resetFallbackLog();
            assertEquals(Backend.CPU, Backends.resolve(Backend.AUTO));
            assertTrue(Backends.descriptorEngine(SoapParameters.defaults(), Backend.AUTO) instanceof CpuSoapEngine);
            assertSame(CpuKernelEngine.INSTANCE, Backends.kernelEngine(Backend.AUTO));
            assertEquals(1, records.size(), "one line per process, however often AUTO is resolved");
            LogRecord r = records.get(0);
            assertEquals(Level.INFO, r.getLevel());
            String text = new java.util.logging.SimpleFormatter().formatMessage(r);
            assertTrue(text.contains(CudaRuntime.probe().reason()) && text.contains("using the CPU"), text);
        } finally {
            jul.removeHandler(h);
        }
    }
}
