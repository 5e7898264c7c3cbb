package org.helixff.dynamics;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.helixff.Units;
import org.helixff.structure.Nanotube;
import org.helixff.symmetry.SymmetricStructure;
import org.helixff.training.TeacherData;

/**
 * The curvature ladder of the on-the-fly loop and the initial frames it labels before the MD: a single tube's
 * environments do not transfer to other diameters ((10,10) alone predicts (12,12) energies ~3e-3 Ha/atom off),
 * so with a symmetry-adapted teacher the loop also labels tubes of neighbouring diameters.
 */
public final class CurvatureLadder {
    /** Thinnest ladder tube, Bohr (0.4 nm: thinner carbon tubes are not made). */
    private static final double MIN_DIAMETER = 4.0 * Units.BOHR_PER_ANGSTROM;

    private CurvatureLadder() {
    }

    /**
     * The curvature ladder of a tube (n, m): the ideal tubes (round(n s), round(m s)) for s = 1/(1 + f) and 1 + f,
     * with the start's d_CC, leaving out the start itself, repeats and tubes too thin to exist (diameter below
     * 0.4 nm). Empty for f = 0 or a start without tube indices.
     *
     * @param start the simulated tube
     * @param f     relative diameter step, >= 0
     */
    public static List<SymmetricStructure> of(SymmetricStructure start, double f) {
        List<SymmetricStructure> out = new ArrayList<>();
        if (!(f > 0) || start.tube().isEmpty()) {
            return out;
        }
        Nanotube t = start.tube().get();
        Set<String> seen = new HashSet<>();
        seen.add(t.toString());
        for (double scale : new double[] {1 / (1 + f), 1 + f}) {
            int n = (int) Math.round(t.n() * scale);
            int m = (int) Math.round(t.m() * scale);
            if (n < 1 || !seen.add("(" + n + "," + m + ")") || Nanotube.idealDiameter(n, m, t.dcc()) < MIN_DIAMETER) {
                continue;
            }
            out.add(SymmetricStructure.fromTube(Nanotube.of(n, m, t.dcc())));
        }
        return out;
    }

    /**
     * The structures the loop labels before the MD of one tube, each with the tag of its call.
     *
     * @param structures the structures in call order
     * @param tags       "(10,10)" or "(8,8) ladder of (10,10)", one per structure
     */
    record InitialFrames(List<SymmetricStructure> structures, List<String> tags) {
    }

    /**
     * The start and {@code initialFrames - 1} perturbations of it; with a symmetry-adapted teacher
     * ({@code periodicCell} false) also each ladder tube with its perturbations. A teacher that needs a periodic
     * cell gets no random twist (it would leave no translational period). Seeds: the perturbation seed plus the
     * tube's position {@code index}, plus 1000 per ladder rung.
     */
    static InitialFrames initialFrames(SymmetricStructure start, String tag, int index, OnTheFlyOptions options,
            boolean periodicCell) {
        List<SymmetricStructure> initial = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        TeacherData.Options p = options.initialPerturbation();
        if (periodicCell) {
            // a random twist leaves no translational period for the teacher's full cell
            p = new TeacherData.Options(p.maxDisplacement(), p.maxStrain(), 0.0, p.seed());
        }
        add(initial, tags, start, tag, p.toBuilder().seed(p.seed() + index).build(), options.initialFrames());
        if (!periodicCell) {
            List<SymmetricStructure> rungs = of(start, options.diameterLadder());
            for (int r = 0; r < rungs.size(); r++) {
                SymmetricStructure rung = rungs.get(r);
                add(initial, tags, rung, rung.tube().orElseThrow() + " ladder of " + tag,
                        p.toBuilder().seed(p.seed() + 1000L * (r + 1) + index).build(), options.initialFrames());
            }
        }
        return new InitialFrames(initial, tags);
    }

    /** Adds a tube and {@code frames - 1} perturbations of it (seeded by {@code p}), each with its tag. */
    private static void add(List<SymmetricStructure> initial, List<String> tags, SymmetricStructure s, String tag,
            TeacherData.Options p, int frames) {
        initial.add(s);
        initial.addAll(TeacherData.perturbations(List.of(s), frames - 1, p));
        while (tags.size() < initial.size()) {
            tags.add(tag);
        }
    }
}
