package org.helixff.phonon;

import org.helixff.io.KnotInIo;

/** A test-only class in phonon that uses {@link KnotInIo}: with it, io and phonon form a cycle. */
public final class KnotInPhonon {
    private KnotInPhonon() {
    }

    /** Calls into io, which may be used from phonon, closing the cycle that KnotInIo opens. */
    public static Object back(PhononLaws laws) {
        return KnotInIo.laws(laws);
    }
}
