package org.helixff.training;

/**
 * A model's prediction for one labelled frame next to the label (Hartree per atom, Ha/Bohr).
 *
 * @param frame            the labelled frame
 * @param energyPerAtom    predicted energy per atom (already shifted to the frame's energy group)
 * @param forces           predicted forces (3 per motif/cell atom)
 */
public record FramePrediction(TrainingFrame frame, double energyPerAtom, double[] forces) {
    /** Predicted minus labelled energy per atom (NaN when the frame has no energy). */
    public double energyError() {
        return frame.hasEnergy() ? energyPerAtom - frame.energyPerAtom() : Double.NaN;
    }
}
