package org.helixff.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import org.helixff.Units;
import org.helixff.phonon.IdentifiedMode;
import org.helixff.phonon.PhononWarning;
import org.helixff.phonon.TubePhononResult;

/**
 * The text tables {@code phonons} and {@code analyze} print for one tube: zero modes, RBM, ring modes, G-band
 * candidates, the Gamma summary and the imaginary count; and the warning lines on stderr ({@code demo} too).
 */
final class ModeListing {
    private ModeListing() {
    }

    /**
     * Prints the named modes, one line each, then the Gamma summary and the imaginary count.
     *
     * @param rbmInThz also give the RBM frequency in THz ({@code phonons}); {@code analyze} prints cm^-1 only
     */
    static void print(PrintWriter o, TubePhononResult r, boolean rbmInThz) {
        o.println("  zero modes:");
        for (IdentifiedMode z : r.zeroModes()) {
            o.printf(Locale.ROOT, "    %-30s nu=%-3d kappa=%+.6f  %+12.6f cm^-1  overlap %.6f%n", z.name(), z.nu(),
                    z.kappa(), z.frequencyCm1(), z.overlap());
        }
        IdentifiedMode rbm = r.rbm();
        if (rbmInThz) {
            o.printf(Locale.ROOT, "  RBM                              %10.3f cm^-1  (%.4f THz, breathing overlap"
                    + " %.4f)%n", rbm.frequencyCm1(), rbm.frequencyCm1() * Units.THZ_PER_CM1, rbm.overlap());
        } else {
            o.printf(Locale.ROOT, "  RBM                              %10.3f cm^-1  (breathing overlap %.4f)%n",
                    rbm.frequencyCm1(), rbm.overlap());
        }
        for (IdentifiedMode ring : r.ringModes()) {
            o.printf(Locale.ROOT, "  %-32s %10.3f cm^-1  (ring-pattern overlap %.4f)%n", ring.name(),
                    ring.frequencyCm1(), ring.overlap());
        }
        for (IdentifiedMode g : r.gModes()) {
            o.printf(Locale.ROOT, "  %-32s %10.3f cm^-1%n", g.name(), g.frequencyCm1());
        }
        if (r.gamma() != null) {
            double[] f = r.gamma().sortedFrequencies();
            o.printf(Locale.ROOT, "  Gamma of the %d-atom cell: %d modes, highest %.3f cm^-1%n",
                    r.phonons().cellAtoms(), f.length, f[f.length - 1]);
        }
        o.printf(Locale.ROOT, "  imaginary modes (< -%.3g cm^-1): %d%n", r.instability().tolerance(),
                r.instability().count());
    }

    /** One {@code helixff: warning:} line per warning on {@code e}, then a flush. */
    static void warnings(PrintWriter e, List<PhononWarning> warnings) {
        for (PhononWarning w : warnings) {
            e.println("helixff: warning: " + Main.oneLine(w.message()));
        }
        e.flush();
    }
}
