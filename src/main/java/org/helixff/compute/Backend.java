package org.helixff.compute;

import java.util.Locale;
import org.helixff.InvalidInputException;

/** Which hardware evaluates descriptors and kernels. */
public enum Backend {
    /** The GPU when a one-time probe succeeds, else the CPU (with one INFO log line saying why). */
    AUTO,
    /** The CPU reference engines (always available). */
    CPU,
    /** NVIDIA GPU through JCuda; fails with the probe's reason when unavailable. */
    CUDA;

    /** Parses "auto", "cpu" or "cuda" (any case). */
    public static Backend parse(String s) {
        if (s == null) {
            return AUTO;
        }
        try {
            return Backend.valueOf(s.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("unknown backend '" + s + "' (use auto, cpu or cuda)");
        }
    }
}
