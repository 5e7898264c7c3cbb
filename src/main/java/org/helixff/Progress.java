package org.helixff;

/**
 * Receives progress of long work (the library never prints; the CLI shows this on stderr).
 */
@FunctionalInterface
public interface Progress {
    /** Does nothing. */
    Progress NONE = (stage, done, total) -> {
    };

    /**
     * @param stage what is being done, e.g. "descriptors"
     * @param done  units finished
     * @param total units in all (0 when unknown)
     */
    void update(String stage, long done, long total);
}
