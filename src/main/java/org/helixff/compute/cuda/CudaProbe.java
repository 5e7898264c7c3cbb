package org.helixff.compute.cuda;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Result of the one-time CUDA probe: usable or not, why not and how to fix it, and what was found
 * (JCuda version, native library, driver version, devices, PTX target). Immutable.
 *
 * @param available whether the CUDA engines can run
 * @param reason    one line: why not (null when available)
 * @param fix       one line: what to do about it (null when available)
 * @param details   JSON-compatible facts, insertion ordered
 */
public record CudaProbe(boolean available, String reason, String fix, Map<String, Object> details) {
    public CudaProbe {
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** One line for an error message: the reason and the fix. */
    public String oneLine() {
        return available ? "CUDA backend available" : "CUDA backend unavailable: " + reason + "; fix: " + fix;
    }
}
