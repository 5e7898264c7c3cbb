package org.helixff.calculator;

import org.helixff.structure.Structure;
import org.helixff.symmetry.SymmetricStructure;

/** A calculator that also gives predictive uncertainties (the learned model). */
public interface UncertaintyCalculator extends Calculator {
    /** Predictive standard deviations for a tube (energy per atom, symmetric forces on the motif atoms). */
    Uncertainty uncertainty(SymmetricStructure structure);

    /** Predictive standard deviations for a full cell (energy per atom, every force component). */
    Uncertainty uncertainty(Structure structure);

    /**
     * Predictive standard deviations (Hartree per atom, Hartree/Bohr). "Total" includes the fitted noise
     * level; "epistemic" is the model's own uncertainty (what grows away from the training data).
     */
    final class Uncertainty {
        private final double energyPerAtom;
        private final double energyPerAtomEpistemic;
        private final double[] forces;
        private final double[] forcesEpistemic;
        private final double[] sites;
        private final double[] sitesEpistemic;

        /**
         * Without per-site sigmas (symmetric structures).
         *
         * @param energyPerAtom          total predictive sigma of the energy per atom, Hartree (>= 0)
         * @param energyPerAtomEpistemic the same without the noise term, Hartree
         * @param forces                 total sigma of each force component, Ha/Bohr, 3 per atom
         * @param forcesEpistemic        the same without the noise term, Ha/Bohr
         */
        public Uncertainty(double energyPerAtom, double energyPerAtomEpistemic, double[] forces,
                double[] forcesEpistemic) {
            this(energyPerAtom, energyPerAtomEpistemic, forces, forcesEpistemic, new double[0], new double[0]);
        }

        /**
         * @param sites          per-atom sigma of the site energy (Hartree), or empty when not available: the
         *                       predictive sigma of the energy per atom of a structure whose every atom had this
         *                       atom's environment (its kernel row alone)
         * @param sitesEpistemic the same without the noise term
         */
        public Uncertainty(double energyPerAtom, double energyPerAtomEpistemic, double[] forces,
                double[] forcesEpistemic, double[] sites, double[] sitesEpistemic) {
            this.energyPerAtom = energyPerAtom;
            this.energyPerAtomEpistemic = energyPerAtomEpistemic;
            this.forces = forces.clone();
            this.forcesEpistemic = forcesEpistemic.clone();
            this.sites = sites.clone();
            this.sitesEpistemic = sitesEpistemic.clone();
        }

        /** Per-atom site-energy sigmas, Hartree (full cells of the learned model; empty otherwise). */
        public double[] siteEnergies() {
            return sites.clone();
        }

        /** Per-atom site-energy sigmas without the noise term, Hartree (empty when not available). */
        public double[] siteEnergiesEpistemic() {
            return sitesEpistemic.clone();
        }

        /** Total predictive sigma of the energy per atom, Hartree. */
        public double energyPerAtom() {
            return energyPerAtom;
        }

        /** Predictive sigma of the energy per atom without the noise term, Hartree. */
        public double energyPerAtomEpistemic() {
            return energyPerAtomEpistemic;
        }

        /** Total predictive sigma of each force component (3 per atom), Ha/Bohr. */
        public double[] forces() {
            return forces.clone();
        }

        /** Sigma of each force component without the noise term (3 per atom), Ha/Bohr. */
        public double[] forcesEpistemic() {
            return forcesEpistemic.clone();
        }

        /** Largest total force sigma, Ha/Bohr. */
        public double maxForce() {
            double m = 0;
            for (double f : forces) {
                m = Math.max(m, f);
            }
            return m;
        }

        /** Largest epistemic force sigma, Ha/Bohr. */
        public double maxForceEpistemic() {
            double m = 0;
            for (double f : forcesEpistemic) {
                m = Math.max(m, f);
            }
            return m;
        }
    }
}
