package org.helixff.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.helixff.HelixException;
import org.helixff.Units;
import org.helixff.io.AtomicFiles;
import org.helixff.phonon.CellSpectrum;
import org.helixff.phonon.IdentifiedMode;
import org.helixff.phonon.PhononLaws;
import org.helixff.phonon.PhononWarning;
import org.helixff.phonon.TubePhononResult;
import org.helixff.relax.RelaxationResult;
import org.helixff.symmetry.HelicalGroup;
import org.helixff.symmetry.SymmetricStructure;

/**
 * JSON summaries of phonon results (key order fixed; frequencies in cm^-1 unless the key says otherwise, lengths in
 * Bohr or nm as the key says, angles in radians).
 */
public final class PhononJson {
    /** Gamma frequencies are listed in the summary only up to this many (all of them are in gamma.csv). */
    public static final int MAX_LISTED_GAMMA = 3000;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PhononJson() {
    }

    /** Pretty-printed JSON of a map or list. */
    public static String toJson(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new HelixException("cannot format JSON: " + e.getMessage(), e);
        }
    }

    /** Writes JSON atomically. */
    public static void write(Path target, Object value) {
        String s = toJson(value) + "\n";
        AtomicFiles.writeString(target, s);
    }

    /** A named mode as a map. */
    public static Map<String, Object> mode(IdentifiedMode m) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("name", m.name());
        o.put("angular_momentum", m.angularMomentum());
        o.put("nu", m.nu());
        o.put("kappa_rad", m.kappa());
        o.put("branch", m.branch());
        o.put("frequency_cm1", m.frequencyCm1());
        o.put("frequency_thz", m.frequencyCm1() * Units.THZ_PER_CM1);
        o.put("pattern_overlap", Double.isNaN(m.overlap()) ? null : m.overlap());
        o.put("radial_fraction", m.radial());
        o.put("tangential_fraction", m.tangential());
        o.put("axial_fraction", m.axial());
        o.put("character", m.character());
        return o;
    }

    private static List<Object> modes(List<IdentifiedMode> ms) {
        List<Object> out = new ArrayList<>();
        for (IdentifiedMode m : ms) {
            out.add(mode(m));
        }
        return out;
    }

    /**
     * The summary of one tube's phonons.
     *
     * @param r     the result
     * @param n     chiral index n (or -1 when unknown)
     * @param m     chiral index m
     * @param files names of the files written, by kind (may be empty)
     */
    public static Map<String, Object> summary(TubePhononResult r, int n, int m, Map<String, String> files) {
        Map<String, Object> o = new LinkedHashMap<>();
        SymmetricStructure s = r.structure();
        HelicalGroup g = s.group();
        Map<String, Object> tube = new LinkedHashMap<>();
        tube.put("n", n);
        tube.put("m", m);
        tube.put("cyclic_order_N", g.cyclicOrder());
        tube.put("screw_angle_alpha_rad", g.screwAngle());
        tube.put("screw_shift_h_bohr", g.screwShift());
        g.period().ifPresent(p -> {
            tube.put("period_steps_q", p.steps());
            tube.put("period_rotation_s", p.rotation());
            tube.put("period_T_bohr", p.steps() * g.screwShift());
            tube.put("atoms_per_cell", s.expandedSize(1));
        });
        tube.put("diameter_nm", Units.bohrToAngstrom(2 * s.meanRadius()) / 10);
        double[] x = s.motif();
        tube.put("motif_bohr", List.of(List.of(x[0], x[1], x[2]), List.of(x[3], x[4], x[5])));
        o.put("tube", tube);
        o.put("model", r.model());
        o.put("relaxation", relaxation(r));
        o.put("force_constants", forceConstants(r));
        o.put("zero_modes", modes(r.zeroModes()));
        o.put("rbm", mode(r.rbm()));
        o.put("ring_modes", modes(r.ringModes()));
        o.put("g_modes", modes(r.gModes()));
        o.put("gamma", gamma(r.gamma()));
        Map<String, Object> disp = new LinkedHashMap<>();
        disp.put("kappa_points", r.dispersion().kappaPoints());
        disp.put("min_cm1", r.dispersion().minimum());
        disp.put("max_cm1", r.dispersion().maximum());
        if (r.linear() != null) {
            disp.put("linear_k_points", r.linear().points());
            disp.put("linear_bands", r.linear().bands());
        }
        o.put("dispersion", disp);
        Map<String, Object> dos = new LinkedHashMap<>();
        dos.put("sigma_cm1", r.dos().sigma());
        dos.put("kappa_points_per_nu", r.dos().kappaPoints());
        dos.put("integral_states_per_motif", r.dos().integral());
        dos.put("van_hove_peaks_cm1", r.dos().peaks(0.05));
        o.put("dos", dos);
        Map<String, Object> im = new LinkedHashMap<>();
        im.put("count", r.instability().count());
        im.put("tolerance_cm1", r.instability().tolerance());
        im.put("lowest_cm1", r.instability().lowest());
        im.put("lowest_at_nu", r.instability().nu());
        im.put("lowest_at_kappa_rad", r.instability().kappa());
        o.put("imaginary", im);
        o.put("warnings", r.warnings().stream().map(PhononWarning::message).toList());
        o.put("timings_ms", r.timingsMs());
        o.put("files", files);
        return o;
    }

    private static Map<String, Object> relaxation(TubePhononResult r) {
        Map<String, Object> rel = new LinkedHashMap<>();
        RelaxationResult rr = r.relaxation().orElse(null);
        rel.put("relaxed", rr != null);
        rel.put("free_axial", rr != null && rr.freeAxial());
        rel.put("converged", rr == null ? null : rr.converged());
        rel.put("status", rr == null ? "not relaxed" : rr.status());
        rel.put("iterations", rr == null ? 0 : rr.iterations());
        rel.put("tolerance_ha_per_bohr", rr == null ? null : r.options().relaxTolerance());
        if (r.energy() != null) {
            rel.put("energy_per_atom_ha", r.energy().energyPerAtom());
            rel.put("energy_per_atom_ev", Units.hartreeToEv(r.energy().energyPerAtom()));
            rel.put("max_force_ha_per_bohr", r.energy().maxForce());
            rel.put("dE_dh_ha_per_bohr", r.energy().dEdh());
        }
        return rel;
    }

    private static Map<String, Object> forceConstants(TubePhononResult r) {
        Map<String, Object> fc = new LinkedHashMap<>();
        fc.put("method", r.forceConstantSummary().method());
        if (r.energy() != null) { // computed here by finite differences (not read from another code's files)
            fc.put("step_bohr", r.options().scheme().step());
            fc.put("stencil", r.options().scheme().stencil().toString());
            fc.put("frame", r.options().scheme().frame().toString());
        }
        fc.put("blocks", r.phonons().forceConstants().blockCount());
        fc.put("range_bohr", r.phonons().forceConstants().range());
        fc.put("raw_asymmetry_relative", r.forceConstantSummary().rawAsymmetry());
        TubePhononResult.SumRuleCorrection sr = r.forceConstantSummary().sumRules();
        Map<String, Object> srm = new LinkedHashMap<>();
        srm.put("imposed", sr != null);
        if (sr != null) {
            srm.put("residual_before_ha_per_bohr", sr.residualBefore());
            srm.put("residual_after_ha_per_bohr", sr.residualAfter());
            srm.put("max_correction_ha_per_bohr2", sr.maxCorrection());
            srm.put("max_entry_ha_per_bohr2", sr.maxEntry());
        }
        fc.put("sum_rules", srm);
        return fc;
    }

    /** The Gamma spectrum of the translational cell (null: none). */
    private static Map<String, Object> gamma(CellSpectrum gamma) {
        if (gamma == null) {
            return null;
        }
        Map<String, Object> gm = new LinkedHashMap<>();
        double[] f = gamma.sortedFrequencies();
        gm.put("modes", f.length);
        gm.put("highest_cm1", top(f, 6));
        gm.put("lowest_cm1", Arrays.copyOf(f, Math.min(6, f.length)));
        if (f.length <= MAX_LISTED_GAMMA) {
            gm.put("frequencies_cm1", f);
        } else {
            gm.put("frequencies_cm1", "omitted (" + f.length + " modes): see the gamma CSV");
        }
        return gm;
    }

    private static double[] top(double[] sorted, int k) {
        int c = Math.min(k, sorted.length);
        double[] out = new double[c];
        for (int i = 0; i < c; i++) {
            out[i] = sorted[sorted.length - 1 - i];
        }
        return out;
    }

    /** Summary of a law fit over a tube series. */
    public static Map<String, Object> laws(String model, List<PhononLaws.TubeModes> tubes, PhononLaws.LawFit fit) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("model", model);
        List<Object> ts = new ArrayList<>();
        for (PhononLaws.TubeModes t : tubes) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("n", t.n());
            e.put("m", t.m());
            e.put("diameter_nm", t.diameterNm());
            e.put("rbm_cm1", t.rbmCm1());
            e.put("rbm_pattern_overlap", t.rbmOverlap());
            e.put("ring_cm1", t.ringCm1());
            ts.add(e);
        }
        o.put("tubes", ts);
        Map<String, Object> rbm = new LinkedHashMap<>();
        rbm.put("law", "RBM = A/d + B");
        rbm.put("A_cm1_nm", fit.rbmA());
        rbm.put("B_cm1", fit.rbmB());
        rbm.put("R2", fit.rbmR2());
        rbm.put("A0_cm1_nm_for_B_zero", fit.rbmA0());
        rbm.put("loglog_slope", fit.logSlope());
        rbm.put("loglog_R2", fit.logR2());
        o.put("rbm_fit", rbm);
        Map<String, Object> ring = new LinkedHashMap<>();
        ring.put("law", "omega_m = C_m m (m^2 - 1) / sqrt(m^2 + 1) / d^2");
        ring.put("m", fit.ringM());
        ring.put("C_cm1_nm2", fit.ringCoefficient());
        ring.put("R2", fit.ringR2());
        ring.put("relative_spread", fit.ringSpread());
        o.put("ring_fit", ring);
        return o;
    }
}
