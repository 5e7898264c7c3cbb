package org.helixff.backend;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.helixff.compute.Backend;
import org.helixff.compute.BackendReport;
import org.helixff.compute.BackendUnavailableException;
import org.helixff.compute.Engines;
import org.helixff.compute.KernelEngine;
import org.helixff.compute.cpu.CpuKernelEngine;
import org.helixff.compute.cpu.CpuSoapEngine;
import org.helixff.compute.cuda.CudaKernelEngine;
import org.helixff.compute.cuda.CudaProbe;
import org.helixff.compute.cuda.CudaRuntime;
import org.helixff.compute.cuda.CudaSelfCheck;
import org.helixff.compute.cuda.CudaSoapEngine;
import org.helixff.descriptor.DescriptorEngine;
import org.helixff.descriptor.SoapParameters;

/**
 * The one place where a backend is resolved and engines are made. A backend is a value: callers ask for
 * the {@link Engines} pair of a backend ({@link #engines(SoapParameters, Backend)}) and pass it down to the
 * calculator, trainer or loop that uses it, so calculators on different backends coexist in one JVM. The
 * CLI resolves {@code --backend} once per command and passes it down. What remains global is the default
 * request ({@link #requested()}: the system property {@code helixff.backend} (auto, cpu, cuda), else AUTO), read
 * only where no backend is passed; nothing sets it from code.
 *
 * <ul>
 *   <li>CPU: the CPU reference engines, always.</li>
 *   <li>CUDA: the GPU engines; when the one-time probe ({@link CudaRuntime#probe()}) failed, a
 *       {@link BackendUnavailableException} whose one-line message gives the reason and the fix.</li>
 *   <li>AUTO: CUDA when the probe succeeded, a one-time numerical self-check of the GPU engines against
 *       the CPU engines passed (within {@value #SELF_CHECK_TIMEOUT_PROPERTY} seconds, default
 *       {@value #DEFAULT_SELF_CHECK_TIMEOUT_SECONDS}) and no sticky GPU fault has happened in this process; else
 *       the CPU, with one log line (logger {@code org.helixff.compute}) saying why, once per process. Engines
 *       handed out for AUTO continue on the CPU after a GPU fault in the middle of a run.</li>
 * </ul>
 * The probe runs on the first resolution that needs it (AUTO or CUDA), never for CPU. {@link #report()}
 * says what AUTO will actually use and why (it runs the self-check when the probe passed).
 */
public final class Backends {
    /** System property naming the backend. */
    public static final String PROPERTY = "helixff.backend";
    private static final System.Logger LOG = System.getLogger("org.helixff.compute");
    private static final AtomicBoolean FALLBACK_LOGGED = new AtomicBoolean();
    /** System property: seconds the AUTO self-check may take. */
    public static final String SELF_CHECK_TIMEOUT_PROPERTY = "helixff.cuda.selfCheckTimeoutSeconds";
    static final double DEFAULT_SELF_CHECK_TIMEOUT_SECONDS = 300;
    /** Test hooks: where the probe and the self-check come from (the real ones unless a test swaps them). */
    private static volatile Supplier<CudaProbe> probeSource = CudaRuntime::probe;
    private static volatile Supplier<String> selfCheckSource = Backends::runSelfCheck;

    private Backends() {
    }

    /**
     * The default request where no backend is passed: the system property {@value #PROPERTY} (auto, cpu, cuda),
     * else AUTO.
     *
     * @throws org.helixff.InvalidInputException for a property value that names no backend
     */
    public static Backend requested() {
        return Backend.parse(System.getProperty(PROPERTY, "auto"));
    }

    /** Whether the CUDA backend is usable (runs the probe once). */
    public static boolean cudaAvailable() {
        return probeSource.get().available();
    }

    /**
     * The backend a request runs on: CPU or CUDA.
     *
     * @throws BackendUnavailableException for CUDA when the probe failed (reason and fix in one line)
     */
    public static Backend resolve(Backend b) {
        switch (b == null ? Backend.AUTO : b) {
            case CPU:
                return Backend.CPU;
            case CUDA: {
                CudaProbe p = probeSource.get();
                if (!p.available()) {
                    throw new BackendUnavailableException(p.oneLine());
                }
                return Backend.CUDA;
            }
            default: {
                String why = autoCpuReason();
                if (why == null) {
                    return Backend.CUDA;
                }
                if (FALLBACK_LOGGED.compareAndSet(false, true)) {
                    LOG.log(probeSource.get().available() ? Level.WARNING : Level.INFO, "{0}; using the CPU backend", why);
                }
                return Backend.CPU;
            }
        }
    }

    /**
     * Why AUTO runs on the CPU (one line), or null when it runs on CUDA: the probe failed, a sticky GPU fault
     * happened in this process, or the self-check failed or timed out.
     */
    static String autoCpuReason() {
        CudaProbe p = probeSource.get();
        if (!p.available()) {
            return "CUDA backend unavailable (" + p.reason() + ")";
        }
        String fault = p == CudaRuntime.probe() ? CudaRuntime.faultReason() : null;
        if (fault != null) {
            return "GPU fault earlier in this process (" + fault + ")";
        }
        String failed = autoSelfCheckFailure();
        if (failed != null) {
            return "CUDA self-check against the CPU engines failed (" + failed + "; force the GPU with --backend cuda)";
        }
        return null;
    }

    private static volatile String selfCheck;

    /**
     * AUTO trusts the GPU only after a one-time numerical self-check: the CUDA engines must reproduce the
     * CPU engines (descriptors, reverse mode, Jacobian, kernel energies, design blocks) on a 40-atom cell to
     * {@link CudaSelfCheck#TOLERANCE}. Returns null when it passed, else the reason.
     */
    private static String autoSelfCheckFailure() {
        String r = selfCheck;
        if (r == null) {
            synchronized (Backends.class) {
                r = selfCheck;
                if (r == null) {
                    try {
                        r = selfCheckSource.get();
                    } catch (RuntimeException | LinkageError e) {
                        r = "self-check raised " + e;
                    }
                    selfCheck = r == null ? "" : r;
                    r = selfCheck;
                }
            }
        }
        return r.isEmpty() ? null : r;
    }

    /** The real self-check, on its own thread within the time limit: null when passed, else why not. */
    private static String runSelfCheck() {
        double limit = CudaRuntime.seconds(SELF_CHECK_TIMEOUT_PROPERTY, DEFAULT_SELF_CHECK_TIMEOUT_SECONDS);
        return CudaRuntime.withTimeout("helixff-cuda-self-check", limit, () -> {
            try {
                CudaSelfCheck.Result res = CudaSelfCheck.run(1, 1);
                return res.passed() ? null : "largest difference above the tolerance in "
                        + res.rows().stream().filter(x -> !x.passed()).map(CudaSelfCheck.Row::quantity).toList();
            } catch (RuntimeException | LinkageError e) {
                return "self-check raised " + e;
            }
        }, limit2 -> "the self-check did not finish within " + limit2 + " s (raise -D" + SELF_CHECK_TIMEOUT_PROPERTY + ")");
    }

    /**
     * Replaces the probe and the self-check (tests of the AUTO decisions without a GPU); null restores the
     * real ones. Forgets the remembered self-check result and the fallback line.
     */
    static void testHooks(Supplier<CudaProbe> probe, Supplier<String> check) {
        synchronized (Backends.class) {
            probeSource = probe == null ? CudaRuntime::probe : probe;
            selfCheckSource = check == null ? Backends::runSelfCheck : check;
            selfCheck = null;
            FALLBACK_LOGGED.set(false);
        }
    }

    /** Allows the AUTO fallback line to be logged again (tests only). */
    static void resetFallbackLog() {
        FALLBACK_LOGGED.set(false);
    }

    /**
     * The report for the requested backend (never throws): resolved is what the request will actually run on
     * (null when CUDA was requested but is unusable). For AUTO with a usable probe this runs the self-check
     * (once per process) and the details say why AUTO runs where it runs ({@code auto}), and how the kernel
     * products run ({@code gemm}).
     */
    public static BackendReport report() {
        return report(requested());
    }

    /**
     * The report for a backend request (never throws), as {@link #report()} but for {@code req} (null: AUTO).
     */
    public static BackendReport report(Backend req) {
        req = req == null ? Backend.AUTO : req;
        CudaProbe p = probeSource.get();
        java.util.Map<String, Object> details = new java.util.LinkedHashMap<>(p.details());
        Backend resolved;
        if (req == Backend.CPU) {
            resolved = Backend.CPU;
            details.put("auto", "not asked (cpu requested)");
        } else if (!p.available()) {
            resolved = req == Backend.AUTO ? Backend.CPU : null;
            details.put("auto", "cpu: CUDA unavailable");
        } else if (req == Backend.CUDA) {
            resolved = Backend.CUDA;
        } else {
            String why = autoCpuReason();
            resolved = why == null ? Backend.CUDA : Backend.CPU;
            details.put("auto", why == null ? "cuda: the self-check against the CPU engines passed" : "cpu: " + why);
        }
        if (p.available() && p == CudaRuntime.probe()) {
            details.put("gemm", CudaRuntime.gemmPath());
            String fault = CudaRuntime.faultReason();
            if (fault != null) {
                details.put("gpu_fault", fault);
            }
        }
        return new BackendReport(req, resolved, p.available(), p.reason(), p.fix(), details);
    }

    /** A descriptor engine for the requested backend. */
    public static DescriptorEngine descriptorEngine(SoapParameters p) {
        return descriptorEngine(p, requested());
    }

    /**
     * A descriptor engine for the given backend.
     *
     * @throws BackendUnavailableException for CUDA when unusable
     */
    public static DescriptorEngine descriptorEngine(SoapParameters p, Backend b) {
        return resolve(b) == Backend.CUDA ? new CudaSoapEngine(p, b == null || b == Backend.AUTO) : new CpuSoapEngine(p);
    }

    /**
     * A kernel engine for the given backend.
     *
     * @throws BackendUnavailableException for CUDA when unusable
     */
    public static KernelEngine kernelEngine(Backend b) {
        return resolve(b) == Backend.CUDA ? new CudaKernelEngine(b == null || b == Backend.AUTO) : CpuKernelEngine.INSTANCE;
    }

    /**
     * The descriptor and kernel engines of a backend, resolved once: the CPU reference pair for CPU (and for
     * AUTO without a usable GPU), the GPU pair for CUDA (for AUTO with the CPU fallback after a GPU fault).
     *
     * @param p SOAP parameters of the model the engines will evaluate
     * @param b the backend asked for (null: AUTO)
     * @throws BackendUnavailableException for CUDA when unusable
     */
    public static Engines engines(SoapParameters p, Backend b) {
        if (resolve(b) == Backend.CUDA) {
            boolean fallback = b == null || b == Backend.AUTO;
            return new Engines(new CudaSoapEngine(p, fallback), new CudaKernelEngine(fallback));
        }
        return new Engines(new CpuSoapEngine(p), CpuKernelEngine.INSTANCE);
    }

    /**
     * The CPU reference pair for the given SOAP parameters (never probes).
     */
    public static Engines cpu(SoapParameters p) {
        return new Engines(new CpuSoapEngine(p), CpuKernelEngine.INSTANCE);
    }
}
