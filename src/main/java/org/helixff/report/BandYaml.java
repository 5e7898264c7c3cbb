package org.helixff.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Locale;
import org.helixff.InvalidInputException;
import org.helixff.Units;
import org.helixff.io.AtomicFiles;
import org.helixff.phonon.LinearDispersion;
import org.helixff.structure.Structure;

/**
 * Writes a phonopy-style {@code band.yaml} of the dispersion of a tube's translational cell along its 1-D
 * Brillouin zone (Gamma to Z = pi/T), with the keys phonopy writes: {@code nqpoint}, {@code npath},
 * {@code segment_nqpoint}, {@code labels}, {@code reciprocal_lattice} (1/Angstrom, without 2 pi), {@code natom},
 * {@code lattice} (Angstrom), {@code points} (symbol, fractional coordinates, mass in amu) and {@code phonon}
 * (per q point: {@code q-position} in reduced coordinates, {@code distance} in 1/Angstrom without 2 pi, and a
 * {@code band} list of {@code frequency} in THz). Frequencies in cm^-1 are frequency / 0.0299792458; an extra
 * top-level key {@code helixff} says so and names the tube and model (phonopy's readers ignore unknown keys).
 * Written atomically ({@link AtomicFiles}).
 */
public final class BandYaml {
    private BandYaml() {
    }

    /**
     * @param target     file to write
     * @param dispersion the linear dispersion (k from 0 to pi/T)
     * @param cell       the translational cell the dispersion belongs to (its atoms and lattice; c along z with
     *                   length T)
     * @param tube       tube label, e.g. "(10,10)"
     * @param model      calculator name
     * @throws InvalidInputException when the cell's atom count or period does not match the dispersion
     */
    public static void write(Path target, LinearDispersion dispersion, Structure cell, String tube, String model) {
        if (cell.size() != dispersion.atoms()) {
            throw new InvalidInputException("band.yaml: cell has " + cell.size() + " atoms, dispersion "
                    + dispersion.atoms());
        }
        double t = cell.cell(2, 2);
        if (Math.abs(t - dispersion.period()) > 1e-6 * t) {
            throw new InvalidInputException("band.yaml: cell period " + t + " Bohr differs from the dispersion's "
                    + dispersion.period());
        }
        AtomicFiles.writeText(target, w -> write(w, dispersion, cell, tube, model));
    }

    private static void write(Writer w, LinearDispersion d, Structure cell, String tube, String model)
            throws IOException {
        double[][] lat = new double[3][3];
        for (int v = 0; v < 3; v++) {
            for (int c = 0; c < 3; c++) {
                lat[v][c] = Units.bohrToAngstrom(cell.cell(v, c));
            }
        }
        double[][] rec = reciprocal(lat);
        double tA = lat[2][2];
        int nq = d.points();
        w.write("# band.yaml written by helixff: phonons of the translational cell of tube " + tube + " (model "
                + model + "),\n");
        w.write("# from the symmetry-adapted dynamical matrices; path Gamma (0,0,0) -> Z (0,0,1/2).\n");
        w.write("# frequency: THz (phonopy's unit); cm^-1 = THz / 0.0299792458 = THz x 33.35641.\n");
        w.write("helixff:\n");
        w.write("  tube: '" + tube + "'\n");
        w.write("  model: '" + model + "'\n");
        w.write("  frequency_unit: THz\n");
        w.write(String.format(Locale.ROOT, "  cm1_per_thz: %.10f%n", 1 / Units.THZ_PER_CM1));
        w.write(String.format(Locale.ROOT, "  period_angstrom: %.10f%n", tA));
        w.write("nqpoint: " + nq + "\n");
        w.write("npath: 1\n");
        w.write("segment_nqpoint:\n- " + nq + "\n");
        w.write("labels:\n- [ '$\\Gamma$', 'Z' ]\n");
        w.write("reciprocal_lattice:\n");
        String[] rn = {"a*", "b*", "c*"};
        for (int v = 0; v < 3; v++) {
            w.write(String.format(Locale.ROOT, "- [ %15.10f, %15.10f, %15.10f ] # %s%n", rec[v][0], rec[v][1],
                    rec[v][2], rn[v]));
        }
        w.write("natom: " + cell.size() + "\n");
        w.write("lattice:\n");
        String[] ln = {"a", "b", "c"};
        for (int v = 0; v < 3; v++) {
            w.write(String.format(Locale.ROOT, "- [ %20.15f, %20.15f, %20.15f ] # %s%n", lat[v][0], lat[v][1],
                    lat[v][2], ln[v]));
        }
        w.write("points:\n");
        for (int i = 0; i < cell.size(); i++) {
            double[] f = fractional(cell, i, lat);
            w.write("- symbol: " + cell.species(i) + " # " + (i + 1) + "\n");
            w.write(String.format(Locale.ROOT, "  coordinates: [ %18.15f, %18.15f, %18.15f ]%n", f[0], f[1], f[2]));
            w.write(String.format(Locale.ROOT, "  mass: %.6f%n", Units.CARBON_MASS_AMU));
        }
        w.write("\nphonon:\n");
        double prevQ = 0;
        double dist = 0;
        for (int p = 0; p < nq; p++) {
            double qz = d.k(p) * d.period() / (2 * Math.PI);
            dist += Math.abs(qz - prevQ) * Math.sqrt(rec[2][0] * rec[2][0] + rec[2][1] * rec[2][1] + rec[2][2] * rec[2][2]);
            prevQ = qz;
            w.write(String.format(Locale.ROOT, "- q-position: [ %12.7f, %12.7f, %12.7f ]%n", 0.0, 0.0, qz));
            w.write(String.format(Locale.ROOT, "  distance: %12.7f%n", dist));
            if (p == 0) {
                w.write("  label: '$\\Gamma$'\n");
            } else if (p == nq - 1) {
                w.write("  label: 'Z'\n");
            }
            w.write("  band:\n");
            for (int b = 0; b < d.bands(); b++) {
                w.write("  - # " + (b + 1) + "\n");
                w.write(String.format(Locale.ROOT, "    frequency: %15.10f%n", d.frequency(p, b) * Units.THZ_PER_CM1));
            }
            w.write("\n");
        }
    }

    /** Rows b_i with a_i . b_j = delta_ij (phonopy's convention, no 2 pi); a zero lateral vector gives zero. */
    static double[][] reciprocal(double[][] a) {
        double[] c0 = cross(a[1], a[2]);
        double vol = dot(a[0], c0);
        double[][] out = new double[3][3];
        if (Math.abs(vol) < 1e-12) {
            for (int v = 0; v < 3; v++) {
                double l2 = dot(a[v], a[v]);
                for (int c = 0; c < 3; c++) {
                    out[v][c] = l2 > 0 ? a[v][c] / l2 : 0;
                }
            }
            return out;
        }
        double[][] cr = {c0, cross(a[2], a[0]), cross(a[0], a[1])};
        for (int v = 0; v < 3; v++) {
            for (int c = 0; c < 3; c++) {
                out[v][c] = cr[v][c] / vol;
            }
        }
        return out;
    }

    private static double[] fractional(Structure s, int i, double[][] lat) {
        double[] out = new double[3];
        for (int v = 0; v < 3; v++) {
            double l2 = dot(lat[v], lat[v]);
            double p = 0;
            for (int c = 0; c < 3; c++) {
                p += Units.bohrToAngstrom(s.position(i, c)) * lat[v][c];
            }
            double f = l2 > 0 ? p / l2 : 0;
            if (v < 2) {
                f += 0.5; // the tube axis sits at the centre of the lateral box
            }
            f -= Math.floor(f);
            if (f > 1 - 1e-10) {
                f = 0; // round-off just below a cell face
            }
            out[v] = f;
        }
        return out;
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }
}
