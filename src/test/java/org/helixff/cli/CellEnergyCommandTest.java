package org.helixff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.helixff.app.Models;
import org.helixff.calculator.CellResult;
import org.helixff.calculator.UncertaintyCalculator;
import org.helixff.io.AtomColumn;
import org.helixff.io.ExtXyz;
import org.helixff.io.Frame;
import org.helixff.structure.Nanotube;
import org.helixff.structure.Structure;
import org.helixff.symmetry.SymmetricStructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code energy --cell F --out annotated.extxyz} with the default learned model: per-atom energies sum to the
 * total, forces are the model's, the site-energy uncertainty is the same on symmetry-equivalent atoms (and equals
 * the structure's energy-per-atom sigma for a perfect tube), grows at a vacancy and is unchanged beyond the cutoff.
 */
class CellEnergyCommandTest {
    /** The total energy against the sum of the per-atom energies written to the extxyz with finite decimals. */
    private static final double SUM_OF_PRINTED_SITE_ENERGIES = 1e-8;
    /** Energies cross the file with 10 decimals of eV: the sum of ~150 of them to 1e-8 eV. */
    private static final double FILE_EV = 1e-8;
    /**
     * Forces against the library on the unrounded cell: the file's positions carry 10 decimals of Angstrom, which
     * moves forces by ~1e-10 Ha/Bohr (force constants ~1 Ha/Bohr^2).
     */
    private static final double FORCE_ABS = 1e-9;
    /** Equivalent atoms: the same kernel row up to round-off of the descriptors. */
    private static final double SAME_SIGMA = 1e-6;

    private static Structure perfect;
    private static Structure vacancy;
    private static final int REMOVED = 10;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.run(args, new PrintWriter(o), new PrintWriter(e));
        return new Run(code, o.toString(), e.toString());
    }

    @BeforeAll
    static void cells() {
        perfect = SymmetricStructure.fromTube(Nanotube.of(6, 6)).expand(6);
        int n = perfect.size();
        String[] sp = new String[n - 1];
        double[] x = new double[3 * (n - 1)];
        double[] p = perfect.positions();
        for (int i = 0, k = 0; i < n; i++) {
            if (i != REMOVED) {
                sp[k] = perfect.species(i);
                System.arraycopy(p, 3 * i, x, 3 * k, 3);
                k++;
            }
        }
        vacancy = new Structure(sp, x, perfect.cell(), perfect.pbc());
    }

    private static double[] column(Frame f, String name) {
        return f.columns().stream().filter(c -> c.name().equals(name)).findFirst().map(AtomColumn::realValues)
                .orElseThrow(() -> new AssertionError("no column " + name));
    }

    @Test
    void annotatesEnergiesForcesAndUncertainties(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("cells.extxyz");
        ExtXyz.write(in, List.of(Frame.of(perfect), Frame.of(vacancy)));
        Path out = dir.resolve("annotated.extxyz");
        Run r = run("energy", "--cell", in.toString(), "--out", out.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertTrue(j.get("uncertainty").asBoolean());
        List<Frame> frames = ExtXyz.read(out);
        assertEquals(2, frames.size());
        UncertaintyCalculator calc = (UncertaintyCalculator) Models.resolve("default");
        double cutoff = calc.cutoff();
        double[] sigmaPerfect = null;
        for (int f = 0; f < 2; f++) {
            Frame fr = frames.get(f);
            Structure s = f == 0 ? perfect : vacancy;
            CellResult lib = calc.compute(s);
            double[] e = column(fr, "energies");
            double sum = Arrays.stream(e).sum();
            assertEquals(fr.energy().getAsDouble(), sum, FILE_EV / 27.2 * e.length, "site energies sum to the total");
            assertEquals(lib.energy(), fr.energy().getAsDouble(), FILE_EV / 27.2 * e.length);
            double[] ff = fr.forces().orElseThrow();
            double[] lf = lib.forces();
            for (int q = 0; q < lf.length; q++) {
                assertEquals(lf[q], ff[q], FORCE_ABS);
            }
            double[] sig = column(fr, "energy_sigma_epistemic");
            assertEquals(s.size(), sig.length);
            assertEquals(s.size() * 3, column(fr, "force_sigma").length);
            if (f == 0) {
                sigmaPerfect = sig;
                for (double v : sig) {
                    assertEquals(sig[0], v, SAME_SIGMA * sig[0], "equivalent atoms of the perfect tube");
                }
                // every atom alike: the site row is the structure's energy row
                UncertaintyCalculator.Uncertainty u = calc.uncertainty(s);
                assertEquals(u.energyPerAtomEpistemic(), u.siteEnergiesEpistemic()[0],
                        SAME_SIGMA * u.energyPerAtomEpistemic());
            } else {
                int worst = 0;
                for (int i = 1; i < sig.length; i++) {
                    worst = sig[i] > sig[worst] ? i : worst;
                }
                double[] hole = {perfect.position(REMOVED, 0), perfect.position(REMOVED, 1),
                    perfect.position(REMOVED, 2)};
                double dw = distance(s, worst, hole);
                assertTrue(dw < 3.0, "the most uncertain atom is next to the vacancy: " + dw + " Bohr");
                assertTrue(sig[worst] > 10 * sigmaPerfect[0], "a vacancy is far from the training data: "
                        + sig[worst] + " vs " + sigmaPerfect[0]);
                int far = 0;
                for (int i = 0; i < s.size(); i++) {
                    if (distance(s, i, hole) > cutoff + 0.5) {
                        far++;
                        assertEquals(sigmaPerfect[0], sig[i], SAME_SIGMA * sigmaPerfect[0],
                                "beyond the cutoff the environment is the perfect one: atom " + i);
                    }
                }
                assertTrue(far > 20, "atoms beyond the cutoff checked: " + far);
            }
        }
    }

    private static double distance(Structure s, int i, double[] p) {
        double t = s.cell(2, 2);
        double dz = s.position(i, 2) - p[2];
        dz -= t * Math.rint(dz / t);
        return Math.sqrt(Math.pow(s.position(i, 0) - p[0], 2) + Math.pow(s.position(i, 1) - p[1], 2) + dz * dz);
    }

    @Test
    void tersoffHasNoUncertaintyAndBadInputFails(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("cell.extxyz");
        ExtXyz.write(in, List.of(Frame.of(perfect)));
        Path out = dir.resolve("a.extxyz");
        Run r = run("energy", "--cell", in.toString(), "--model", "tersoff", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        Frame f = ExtXyz.read(out).get(0);
        assertTrue(f.infoText("uncertainty").orElseThrow().startsWith("none"));
        assertEquals(f.energy().getAsDouble(), Arrays.stream(column(f, "energies")).sum(), SUM_OF_PRINTED_SITE_ENERGIES);

        Path sym = dir.resolve("sym.extxyz");
        ExtXyz.write(sym, List.of(Frame.of(SymmetricStructure.fromTube(Nanotube.of(6, 6)))));
        Path bad = dir.resolve("bad.extxyz");
        for (String[] args : List.of(
                new String[] {"energy", "--cell", sym.toString(), "--model", "tersoff", "--out", bad.toString()},
                new String[] {"energy", "6", "6", "--cell", in.toString(), "--out", bad.toString()},
                new String[] {"energy", "--cell", dir.resolve("missing.extxyz").toString(), "--out", bad.toString()},
                new String[] {"energy", "6", "6", "--model", "tersoff", "--out", bad.toString()},
                new String[] {"energy", "--model", "tersoff"},
                new String[] {"relax", "--model", "tersoff"})) {
            Run b = run(args);
            assertEquals(2, b.code(), String.join(" ", args) + ": " + b.err());
            assertTrue(b.err().startsWith("helixff: error: "), b.err());
            assertEquals(1, b.err().strip().lines().count(), b.err());
            assertFalse(Files.exists(bad));
        }
    }
}
