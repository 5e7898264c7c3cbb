package org.helixff.compute;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicBoolean;
import org.helixff.compute.cpu.CpuKernelEngine;
import org.helixff.compute.cuda.CudaKernelEngine;
import org.helixff.compute.cuda.CudaProbe;
import org.helixff.compute.cuda.CudaRuntime;
import org.helixff.compute.cuda.CudaSelfCheck;
import org.helixff.compute.cuda.CudaSoapEngine;
import org.helixff.descriptor.CpuSoapEngine;
import org.helixff.descriptor.DescriptorEngine;
import org.helixff.descriptor.SoapParameters;

/**
 * The one place where the backend is chosen. The request comes from the API ({@link #setRequested},
 * {@link #select}), else the system property {@code helixff.backend} (auto, cpu, cuda), else AUTO; the
 * CLI's {@code --backend} option sets it for one command.
 *
 * <ul>
 *   <li>CPU: the CPU reference engines, always.</li>
 *   <li>CUDA: the GPU engines; when the one-time probe ({@link CudaRuntime#probe()}) failed, a
 *       {@link BackendUnavailableException} whose one-line message gives the reason and the fix.</li>
 *   <li>AUTO: CUDA when the probe succeeded and a one-time numerical self-check of the GPU engines
 *       against the CPU engines passed, else the CPU, with one log line (logger {@code org.helixff.compute})
 *       saying why, once per process.</li>
 * </ul>
 * The probe runs on the first resolution that needs it (AUTO or CUDA), never for CPU.
 */
public final class Backends {
    /** System property naming the backend. */
    public static final String PROPERTY = "helixff.backend";
    private static final System.Logger LOG = System.getLogger("org.helixff.compute");
    private static final AtomicBoolean FALLBACK_LOGGED = new AtomicBoolean();
    private static volatile Backend requested;

    private Backends() {
    }

    /** Sets the backend for this process (null: back to the system property / AUTO). */
    public static void setRequested(Backend b) {
        requested = b;
    }

    /**
     * Sets the backend until the returned selection is closed, which restores the previous request
     * (for one command or one test: {@code try (var s = Backends.select(b)) { ... }}).
     */
    public static Selection select(Backend b) {
        Backend previous = requested;
        requested = b;
        return () -> requested = previous;
    }

    /** Restores the previous request on close. */
    @FunctionalInterface
    public interface Selection extends AutoCloseable {
        @Override
        void close();
    }

    /** The backend asked for (API, then system property, then AUTO). */
    public static Backend requested() {
        Backend b = requested;
        return b != null ? b : Backend.parse(System.getProperty(PROPERTY, "auto"));
    }

    /** Whether the CUDA backend is usable (runs the probe once). */
    public static boolean cudaAvailable() {
        return CudaRuntime.probe().available();
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
                CudaProbe p = CudaRuntime.probe();
                if (!p.available()) {
                    throw new BackendUnavailableException(p.oneLine());
                }
                return Backend.CUDA;
            }
            default: {
                CudaProbe p = CudaRuntime.probe();
                if (p.available()) {
                    String failed = autoSelfCheckFailure();
                    if (failed == null) {
                        return Backend.CUDA;
                    }
                    if (FALLBACK_LOGGED.compareAndSet(false, true)) {
                        LOG.log(Level.WARNING, "CUDA self-check against the CPU engines failed ({0}); using the CPU"
                                + " backend (force it with --backend cuda)", failed);
                    }
                    return Backend.CPU;
                }
                if (FALLBACK_LOGGED.compareAndSet(false, true)) {
                    LOG.log(Level.INFO, "CUDA backend unavailable ({0}); using the CPU backend", p.reason());
                }
                return Backend.CPU;
            }
        }
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
                        CudaSelfCheck.Result res = CudaSelfCheck.run(1, 1);
                        r = res.passed() ? "" : "largest difference above " + CudaSelfCheck.TOLERANCE + " in "
                                + res.rows().stream().filter(x -> !x.passed()).map(CudaSelfCheck.Row::quantity).toList();
                    } catch (RuntimeException | LinkageError e) {
                        r = "self-check raised " + e;
                    }
                    selfCheck = r;
                }
            }
        }
        return r.isEmpty() ? null : r;
    }

    /** Allows the AUTO fallback line to be logged again (tests only). */
    static void resetFallbackLog() {
        FALLBACK_LOGGED.set(false);
    }

    /** The probe report for the requested backend (never throws; resolved is null when CUDA is unusable). */
    public static BackendReport report() {
        Backend req = requested();
        CudaProbe p = CudaRuntime.probe();
        Backend resolved = req == Backend.CPU ? Backend.CPU
                : p.available() ? Backend.CUDA : (req == Backend.AUTO ? Backend.CPU : null);
        return new BackendReport(req, resolved, p.available(), p.reason(), p.fix(), p.details());
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
        return resolve(b) == Backend.CUDA ? new CudaSoapEngine(p) : new CpuSoapEngine(p);
    }

    /**
     * A kernel engine for the given backend.
     *
     * @throws BackendUnavailableException for CUDA when unusable
     */
    public static KernelEngine kernelEngine(Backend b) {
        return resolve(b) == Backend.CUDA ? new CudaKernelEngine() : CpuKernelEngine.INSTANCE;
    }

    /**
     * The kernel engine that goes with a descriptor engine: the GPU one for a {@link CudaSoapEngine},
     * the CPU reference for every other engine (so CPU results never depend on the request).
     */
    public static KernelEngine kernelEngineFor(DescriptorEngine engine) {
        return engine instanceof CudaSoapEngine ? new CudaKernelEngine() : CpuKernelEngine.INSTANCE;
    }
}
