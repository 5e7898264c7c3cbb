package org.helixff.io;

import org.helixff.InvalidInputException;
import org.helixff.Units;
import org.helixff.calculator.CellResult;
import org.helixff.calculator.UncertaintyCalculator;

/**
 * Per-atom annotation of a full-cell frame for colouring in OVITO or ASE: the model's energy and forces with the
 * per-atom columns {@code energies} (site energies; ASE's name, converted to eV like the energy) and
 * {@code forces}, plus, for a model with a posterior, the uncertainty columns {@code energy_sigma} and
 * {@code energy_sigma_epistemic} (eV: predictive sigma of the atom's site energy, total and without the noise
 * term), {@code force_sigma} (3 components, eV/Angstrom) and {@code force_sigma_norm} (eV/Angstrom). The
 * uncertainty columns are written in eV and Angstrom whatever the file's units (their names are not converted).
 */
public final class AnnotatedFrames {
    private AnnotatedFrames() {
    }

    /**
     * @param frame a full-cell frame
     * @param r     the calculator's result for its structure
     * @param u     uncertainties of the same structure, or null
     * @param model the calculator's name (info key {@code model})
     * @throws InvalidInputException for a symmetric frame or mismatched sizes
     */
    public static Frame annotate(Frame frame, CellResult r, UncertaintyCalculator.Uncertainty u, String model) {
        if (frame.isSymmetric()) {
            throw new InvalidInputException("per-atom annotation needs a full cell, not a symmetric frame");
        }
        int n = frame.atoms();
        if (r.size() != n) {
            throw new InvalidInputException("result covers " + r.size() + " atoms, the frame has " + n);
        }
        Frame f = frame.withEnergy(r.energy()).withForces(r.forces())
                .withColumn(AtomColumn.reals("energies", 1, r.siteEnergies()))
                .withInfo("model", new InfoValue.Text(model))
                .withInfo("energy_per_atom_model_ev", new InfoValue.Real(Units.hartreeToEv(r.energyPerAtom())));
        if (u == null) {
            return f.withInfo("uncertainty", new InfoValue.Text("none (the model has no posterior)"));
        }
        double[] site = u.siteEnergies();
        double[] siteEpi = u.siteEnergiesEpistemic();
        double[] fs = u.forces();
        if (site.length != n || fs.length != 3 * n) {
            throw new InvalidInputException("uncertainties cover " + site.length + " atoms, the frame has " + n);
        }
        double[] es = new double[n];
        double[] ee = new double[n];
        double[] fsig = new double[3 * n];
        double[] fnorm = new double[n];
        double conv = Units.EV_PER_A_PER_HA_PER_BOHR;
        for (int i = 0; i < n; i++) {
            es[i] = Units.hartreeToEv(site[i]);
            ee[i] = Units.hartreeToEv(siteEpi[i]);
            double s2 = 0;
            for (int c = 0; c < 3; c++) {
                fsig[3 * i + c] = fs[3 * i + c] * conv;
                s2 += fsig[3 * i + c] * fsig[3 * i + c];
            }
            fnorm[i] = Math.sqrt(s2);
        }
        return f.withColumn(AtomColumn.reals("energy_sigma", 1, es))
                .withColumn(AtomColumn.reals("energy_sigma_epistemic", 1, ee))
                .withColumn(AtomColumn.reals("force_sigma", 3, fsig))
                .withColumn(AtomColumn.reals("force_sigma_norm", 1, fnorm))
                .withInfo("energy_per_atom_sigma_ev", new InfoValue.Real(Units.hartreeToEv(u.energyPerAtom())));
    }
}
