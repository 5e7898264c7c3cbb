package org.helixff.compute;

import org.helixff.descriptor.CpuSoapEngine;
import org.helixff.descriptor.DescriptorEngine;
import org.helixff.descriptor.SoapParameters;

/**
 * The one place where the backend is chosen. The request comes from the API ({@link #setRequested}),
 * else the system property {@code helixff.backend} (auto, cpu, cuda), else AUTO.
 */
public final class Backends {
    /** System property naming the backend. */
    public static final String PROPERTY = "helixff.backend";
    private static volatile Backend requested;

    private Backends() {
    }

    /** Sets the backend for this process (null: back to the system property / AUTO). */
    public static void setRequested(Backend b) {
        requested = b;
    }

    /** The backend asked for (API, then system property, then AUTO). */
    public static Backend requested() {
        Backend b = requested;
        return b != null ? b : Backend.parse(System.getProperty(PROPERTY, "auto"));
    }

    /** A descriptor engine for the requested backend. */
    public static DescriptorEngine descriptorEngine(SoapParameters p) {
        return descriptorEngine(p, requested());
    }

    /** A descriptor engine for the given backend. */
    public static DescriptorEngine descriptorEngine(SoapParameters p, Backend b) {
        return new CpuSoapEngine(p);
    }
}
