package org.helixff.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.helixff.Units;
import org.helixff.relax.RelaxationResult;
import org.helixff.symmetry.SymmetricStructure;

/**
 * The JSON summary of {@code helixff energy N M} and {@code helixff relax N M}: one tube's energy, residual forces,
 * screw derivatives and geometry, in Hartree/Bohr with eV/Angstrom copies where a user compares with other codes.
 * Returns an ordered map that Jackson writes ({@link PhononJson#toJson}, or the CLI's printer); the keys and their
 * order are the command's documented output.
 */
public final class TubeEnergyJson {
    private TubeEnergyJson() {
    }

    /**
     * One tube's energy, at the given structure or after a relaxation.
     *
     * @param n              first chiral index
     * @param m              second chiral index
     * @param model          the calculator's name
     * @param structure      the final structure (the relaxed one, or the one given)
     * @param energyPerMotif energy per motif, Ha
     * @param maxForce       largest force component on the motif, Ha/Bohr
     * @param dEdh           dE/dh per motif, Ha/Bohr
     * @param dEdalpha       dE/dalpha per motif, Ha/rad
     * @param freeAxial      whether the relaxation freed h (false without a relaxation)
     * @param freeTwist      whether the relaxation freed alpha (false without a relaxation)
     * @param relaxation     the relaxation, or null when the energy was computed at the given structure
     */
    public record TubeEnergy(int n, int m, String model, SymmetricStructure structure, double energyPerMotif,
            double maxForce, double dEdh, double dEdalpha, boolean freeAxial, boolean freeTwist,
            RelaxationResult relaxation) {
        public TubeEnergy {
            Objects.requireNonNull(structure, "structure");
        }
    }

    /**
     * The summary, keys in output order: indices, model, relaxation flags, energy (Ha and eV, per atom and per
     * motif), forces, screw derivatives, diameter, screw parameters, motif, iterations, evaluations, status.
     */
    public static Map<String, Object> toMap(TubeEnergy t) {
        SymmetricStructure fin = t.structure();
        RelaxationResult rr = t.relaxation();
        boolean relaxed = rr != null;
        double ePerAtom = t.energyPerMotif() / fin.motifSize();
        double radius = fin.meanRadius();
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("n", t.n());
        j.put("m", t.m());
        j.put("model", t.model());
        j.put("relaxed", relaxed);
        j.put("free_axial", relaxed && t.freeAxial());
        j.put("free_twist", relaxed && t.freeTwist());
        j.put("energy_per_atom_ha", ePerAtom);
        j.put("energy_per_atom_ev", Units.hartreeToEv(ePerAtom));
        j.put("energy_per_motif_ha", t.energyPerMotif());
        j.put("max_force_ha_per_bohr", t.maxForce());
        j.put("max_force_ev_per_angstrom", t.maxForce() * Units.EV_PER_A_PER_HA_PER_BOHR);
        j.put("dE_dh_ha_per_bohr", t.dEdh());
        j.put("dE_dalpha_ha_per_rad", t.dEdalpha());
        j.put("dE_dalpha_over_radius_ha_per_bohr", t.dEdalpha() / radius);
        j.put("diameter_nm", Units.bohrToAngstrom(2 * radius) / 10);
        j.put("screw_shift_bohr", fin.group().screwShift());
        j.put("screw_angle_rad", fin.group().screwAngle());
        double[] x = fin.motif();
        j.put("motif_bohr", List.of(List.of(x[0], x[1], x[2]), List.of(x[3], x[4], x[5])));
        j.put("iterations", rr == null ? 0 : rr.iterations());
        j.put("evaluations", rr == null ? 1 : rr.evaluations());
        j.put("converged", rr == null || rr.converged());
        j.put("status", rr == null ? "not relaxed" : rr.status());
        return j;
    }
}
