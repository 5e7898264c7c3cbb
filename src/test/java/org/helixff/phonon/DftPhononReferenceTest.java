package org.helixff.phonon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import org.helixff.Progress;
import org.helixff.Tolerances;
import org.helixff.app.Models;
import org.helixff.calculator.Calculator;
import org.helixff.io.Datasets;
import org.helixff.structure.Nanotube;
import org.helixff.symmetry.SymmetricStructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 14: the default model's Gamma phonons of (8,8), a tube in no training set, against HelixFF's own DFT
 * reference ({@code dataset:gpaw-helixff/phonons_8_8}: GPAW PBE at the shipped settings, relaxed positions and
 * axial period, finite displacements of +-0.01 A expanded by the tube's line group, phonopy; made by
 * {@code teachers/dft_phonons.py}, whose pipeline {@code DftPhononPipelineTest} checks against HelixFF with
 * Tersoff). Each side is relaxed with its own energy, as a user would compare them.
 *
 * <p>The bars are Gamma RMSE <= 5 cm^-1 over all modes, RBM within 2 % and G band within 1 %. The reference
 * has error bars of its own ({@code phonons_8_8/noise.json}, {@code DftReferenceNoiseTest}): from its SCF force noise a
 * perfect model would show 5.05 cm^-1 RMSE, and the RBM is known to +-6.1 cm^-1 (2.7 %). Measured with the current
 * (0.3) default model: RMSE 11.43 cm^-1 (missed), RBM 217.0 against 222.5 cm^-1, -2.45 % (missed, inside the
 * reference's own error bar), highest G mode 1581.0 against 1591.8 cm^-1, -0.68 % (met), the two m = 0 G modes (A1,
 * softened in DFT by the metallic tube's Kohn anomaly) 1528.6 / 1524.8 against 1502.1 / 1482.4 cm^-1, +1.8 / +2.9 %
 * (missed), ring m = 2 28.0 against 29.9 +- 23 cm^-1. The 0.2 model: 12.6 cm^-1, -4.1 %, +0.1 %, +1.3 / +2.5 %, 15.9.
 * The bounds below pin the current state with a small margin (README, "DFT phonon reference"), so an improvement
 * shows up as a number to tighten and a regression as a failure.
 */
class DftPhononReferenceTest {
    /** The bar on the G band, relative: met by the highest Gamma mode (measured -0.68 %). */
    private static final double G_TOP_REL = 0.01;
    /** RBM, relative: the bar is 2 %; measured -2.45 % (the reference's own error bar: 2.7 %), pinned here. */
    private static final double RBM_PINNED_REL = 0.03;
    /** The m = 0 G modes, relative: the bar is 1 %; measured +1.8 % and +2.9 %, pinned here. */
    private static final double G0_PINNED_REL = 0.035;
    /** Gamma RMSE over the 92 non-zero modes, cm^-1: the bar is 5; measured 11.43, pinned here. */
    private static final double RMSE_PINNED_CM1 = 12.5;
    /** The four zero modes of the DFT force constants (phonopy's translational sum rule only), cm^-1. */
    private static final double ZERO_MODE_CM1 = 10.0;

    private static JsonNode reference;
    private static JsonNode analysis;
    private static TubePhononResult model;

    @BeforeAll
    static void load() throws Exception {
        ObjectMapper om = new ObjectMapper();
        reference = om.readTree(Datasets.readText("gpaw-helixff", "phonons_8_8/reference.json"));
        analysis = om.readTree(Datasets.readText("gpaw-helixff", "phonons_8_8/analysis.json"));
        Calculator c = Models.resolve("default");
        model = TubePhonons.run(c, SymmetricStructure.fromTube(Nanotube.of(8, 8)),
                TubePhonons.Options.builder().relax(true).freeAxial(true).build(), Progress.NONE);
    }

    private static double[] dftGamma() {
        return sortedGamma(reference);
    }

    /** The Gamma frequencies of a reference.json, sorted. */
    private static double[] sortedGamma(JsonNode ref) {
        JsonNode g = ref.get("gamma_cm-1");
        double[] f = new double[g.size()];
        for (int i = 0; i < f.length; i++) {
            f[i] = g.get(i).asDouble();
        }
        Arrays.sort(f);
        return f;
    }

    private static double gMode(JsonNode summary, String name) {
        for (JsonNode g : summary.get("g_modes")) {
            if (g.get("name").asText().equals(name)) {
                return g.get("frequency_cm1").asDouble();
            }
        }
        throw new AssertionError("no " + name + " in the analysis");
    }

    @Test
    void referenceCarriesItsProvenance() {
        assertTrue(reference.get("code").asText().startsWith("GPAW"), "DFT code");
        assertEquals(450.0, reference.get("settings").get("ecut_eV").asDouble(), Tolerances.EXACT);
        assertEquals(12, reference.get("settings").get("kpts").get(2).asInt());
        assertEquals(32, reference.get("atoms").asInt());
        assertTrue(reference.get("calls").size() >= 7, "relaxation calls plus six displacements");
        for (JsonNode call : reference.get("calls")) {
            assertTrue(call.get("wall_s").asDouble() >= 0, "wall time of every call");
        }
        assertTrue(reference.get("relaxation").get("max_residual_force_eV_A").asDouble() < 0.06);
        double[] f = dftGamma();
        assertEquals(96, f.length);
        for (int i = 0; i < 4; i++) {
            assertTrue(Math.abs(f[i]) < ZERO_MODE_CM1, "zero mode " + i + ": " + f[i]);
        }
        assertTrue(f[4] > ZERO_MODE_CM1, "no fifth soft mode: " + f[4]);
        // the RBM the analysis labels is one of the reference's Gamma frequencies
        double rbm = analysis.get("rbm").get("frequency_cm1").asDouble();
        assertTrue(Arrays.stream(f).anyMatch(w -> Math.abs(w - rbm) < 0.05), "RBM " + rbm + " in the Gamma list");
    }

    @Test
    void defaultModelAgainstTheDftReference() {
        double[] dft = dftGamma();
        double[] ml = model.gamma().sortedFrequencies();
        double rmse = rmseAboveZeroModes(dft, ml);
        double rbmDft = analysis.get("rbm").get("frequency_cm1").asDouble();
        double rbmMl = model.rbm().frequencyCm1();
        double topDft = dft[dft.length - 1];
        double topMl = ml[ml.length - 1];
        System.err.printf("DftPhononReferenceTest (8,8): Gamma RMSE %.2f cm^-1, RBM %.2f vs %.2f (%.2f %%), highest"
                + " %.1f vs %.1f (%.2f %%)%n", rmse, rbmMl, rbmDft, 100 * (rbmMl / rbmDft - 1), topMl, topDft,
                100 * (topMl / topDft - 1));
        assertEquals(rbmDft, rbmMl, RBM_PINNED_REL * rbmDft, "RBM");
        assertEquals(topDft, topMl, G_TOP_REL * topDft, "highest G mode");
        assertTrue(rmse < RMSE_PINNED_CM1, "Gamma RMSE " + rmse);
        for (String name : new String[] {"G m=0 circumferential", "G m=0 axial"}) {
            double gd = gMode(analysis, name);
            double gm = model.gModes().stream().filter(g -> g.name().equals(name)).findFirst().orElseThrow()
                    .frequencyCm1();
            System.err.printf("DftPhononReferenceTest (8,8): %s %.1f vs %.1f (%.2f %%)%n", name, gm, gd,
                    100 * (gm / gd - 1));
            assertEquals(gd, gm, G0_PINNED_REL * gd, name);
        }
    }

    /** Tight reference: RMSE measured 10.33 cm^-1 (its own noise floor 0.82), pinned here. */
    private static final double TIGHT_RMSE_PINNED_CM1 = 11.0;
    /** Tight reference: RBM measured +2.87 % (its error bar 0.5 %), pinned here. */
    private static final double TIGHT_RBM_PINNED_REL = 0.035;
    /** Tight reference: ring m = 3 and 4, measured 78.1 / 145.4 against 79.7 / 144.8 cm^-1 (0.2: 55.5 / 120.0). */
    private static final double TIGHT_RING_REL = 0.05;

    /**
     * The same model against the low-noise reference ({@code phonons_8_8_scf1e-4}: the same relaxed cell, the six
     * displacements again at an SCF force criterion of 1e-4 eV/A instead of 1e-3; force noise 4.8e-5 eV/A, a perfect
     * model would show 0.82 cm^-1). Measured: RMSE 10.33 cm^-1, RBM 217.0 against 211.0 +- 1.1 cm^-1 (+2.9 %), highest
     * mode -0.6 %, ring m = 2 / 3 / 4 28.0 / 78.1 / 145.4 against 34.7 +- 4.6 / 79.7 / 144.8 cm^-1. The 0.2 model:
     * 13.3 cm^-1, +1.2 %, +0.2 %, 15.9 / 55.5 / 120.0.
     */
    @Test
    void defaultModelAgainstTheTightReference() throws Exception {
        ObjectMapper om = new ObjectMapper();
        JsonNode ref = om.readTree(Datasets.readText("gpaw-helixff", "phonons_8_8_scf1e-4/reference.json"));
        JsonNode an = om.readTree(Datasets.readText("gpaw-helixff", "phonons_8_8_scf1e-4/analysis.json"));
        assertEquals(1e-4, ref.get("settings").get("convergence").get("forces").asDouble(), Tolerances.EXACT);
        double[] dft = sortedGamma(ref);
        double[] ml = model.gamma().sortedFrequencies();
        double rmse = rmseAboveZeroModes(dft, ml);
        double rbmDft = an.get("rbm").get("frequency_cm1").asDouble();
        double rbmMl = model.rbm().frequencyCm1();
        System.err.printf("DftPhononReferenceTest (8,8), SCF 1e-4: Gamma RMSE %.2f cm^-1, RBM %.2f vs %.2f (%.2f %%)%n",
                rmse, rbmMl, rbmDft, 100 * (rbmMl / rbmDft - 1));
        assertTrue(rmse < TIGHT_RMSE_PINNED_CM1, "Gamma RMSE " + rmse);
        assertEquals(rbmDft, rbmMl, TIGHT_RBM_PINNED_REL * rbmDft, "RBM");
        assertEquals(dft[dft.length - 1], ml[ml.length - 1], G_TOP_REL * dft[dft.length - 1], "highest G mode");
        for (int m = 3; m <= 4; m++) {
            final int mm = m;
            double rd = ring(an, m);
            double rm = model.ringModes().stream().filter(r -> r.angularMomentum() == mm).findFirst()
                    .orElseThrow().frequencyCm1();
            assertEquals(rd, rm, TIGHT_RING_REL * rd, "ring m = " + m);
        }
    }

    /** RMSE between two sorted spectra of the same length over all modes but the four zero modes, cm^-1. */
    private static double rmseAboveZeroModes(double[] dft, double[] ml) {
        assertEquals(dft.length, ml.length);
        double sum = 0;
        for (int i = 4; i < dft.length; i++) {
            sum += (ml[i] - dft[i]) * (ml[i] - dft[i]);
        }
        return Math.sqrt(sum / (dft.length - 4));
    }

    private static double ring(JsonNode summary, int m) {
        for (JsonNode r : summary.get("ring_modes")) {
            if (r.get("angular_momentum").asInt() == m) {
                return r.get("frequency_cm1").asDouble();
            }
        }
        throw new AssertionError("no ring m = " + m + " in the analysis");
    }
}
