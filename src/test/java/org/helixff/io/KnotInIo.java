package org.helixff.io;

import org.helixff.phonon.PhononLaws;

/** A test-only class in io that uses phonon: the knot issue 16 removed, for ArchitectureTest to catch. */
public final class KnotInIo {
    private KnotInIo() {
    }

    /** Takes a phonon type, which io may not use. */
    public static Object laws(PhononLaws laws) {
        return laws;
    }
}
