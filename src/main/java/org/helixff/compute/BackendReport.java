package org.helixff.compute;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code helixff backend} prints: the backend asked for, what it resolves to, whether CUDA is
 * usable, why not and how to fix it, and the probe's findings (JCuda version, native library, driver,
 * devices, PTX target). Immutable.
 *
 * @param requested     the backend asked for (API, system property or AUTO)
 * @param resolved      what it runs on (null when CUDA was requested but is unavailable)
 * @param cudaAvailable whether the CUDA engines can run
 * @param reason        why CUDA is unavailable (null when available)
 * @param fix           how to make it available (null when available)
 * @param details       JSON-compatible probe findings
 */
public record BackendReport(Backend requested, Backend resolved, boolean cudaAvailable, String reason, String fix,
        Map<String, Object> details) {
    public BackendReport {
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    /** The report as a JSON-compatible map (keys in a fixed order). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("requested", requested.name().toLowerCase(java.util.Locale.ROOT));
        m.put("resolved", resolved == null ? null : resolved.name().toLowerCase(java.util.Locale.ROOT));
        m.put("cuda_available", cudaAvailable);
        m.put("reason", reason);
        m.put("fix", fix);
        m.put("details", details);
        return m;
    }
}
