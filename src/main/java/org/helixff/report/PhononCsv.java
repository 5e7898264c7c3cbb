package org.helixff.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.helixff.io.AtomicFiles;
import org.helixff.phonon.CellSpectrum;
import org.helixff.phonon.DensityOfStates;
import org.helixff.phonon.HelicalDispersion;
import org.helixff.phonon.PhononLaws;

/** CSV files of phonon results (comma-separated, one header line, '.' decimal point), written atomically. */
public final class PhononCsv {
    private PhononCsv() {
    }

    /** Helical dispersion: {@code nu,kappa,branch,frequency_cm1} (kappa in radians, branch 0-based ascending). */
    public static void writeHelical(Path target, HelicalDispersion d) {
        AtomicFiles.writeText(target, w -> {
            w.write("nu,kappa,branch,frequency_cm1\n");
            for (int nu = 0; nu < d.cyclicOrder(); nu++) {
                for (int t = 0; t < d.kappaPoints(); t++) {
                    for (int b = 0; b < d.branches(); b++) {
                        w.write(String.format(Locale.ROOT, "%d,%.12f,%d,%.8f%n", nu, d.kappa(t), b,
                                d.frequency(nu, t, b)));
                    }
                }
            }
        });
    }

    /** Density of states: {@code frequency_cm1,dos_states_per_cm1_per_motif}. */
    public static void writeDos(Path target, DensityOfStates dos) {
        AtomicFiles.writeText(target, w -> {
            w.write("frequency_cm1,dos_states_per_cm1_per_motif\n");
            for (int i = 0; i < dos.size(); i++) {
                w.write(String.format(Locale.ROOT, "%.6f,%.10e%n", dos.frequency(i), dos.density(i)));
            }
        });
    }

    /**
     * Gamma spectrum of the translational cell, block-resolved: {@code m,nu,kappa,branch,frequency_cm1} with m the
     * angular momentum (0..Nq-1) of each block.
     */
    public static void writeGamma(Path target, CellSpectrum g) {
        AtomicFiles.writeText(target, w -> {
            w.write("m,nu,kappa,branch,frequency_cm1\n");
            for (int m = 0; m < g.blocks(); m++) {
                for (int b = 0; b < g.branches(); b++) {
                    w.write(String.format(Locale.ROOT, "%d,%d,%.12f,%d,%.8f%n", m, g.nu(m), g.kappa(m), b,
                            g.frequency(m, b)));
                }
            }
        });
    }

    /** Law data per tube: {@code n,m,diameter_nm,rbm_cm1,ring2_cm1,...}. */
    public static void writeLaws(Path target, List<PhononLaws.TubeModes> tubes) {
        AtomicFiles.writeText(target, w -> {
            int rings = tubes.isEmpty() ? 0 : tubes.get(0).ringCm1().length;
            StringBuilder h = new StringBuilder("n,m,diameter_nm,rbm_cm1");
            for (int r = 0; r < rings; r++) {
                h.append(",ring").append(r + 2).append("_cm1");
            }
            w.write(h.append('\n').toString());
            for (PhononLaws.TubeModes t : tubes) {
                StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%d,%d,%.8f,%.6f", t.n(), t.m(),
                        t.diameterNm(), t.rbmCm1()));
                for (double f : t.ringCm1()) {
                    b.append(String.format(Locale.ROOT, ",%.6f", f));
                }
                w.write(b.append('\n').toString());
            }
        });
    }
}
