package org.helixff.dynamics;

/**
 * Accumulates what a run reports: temperature mean and spread, and the conservation of
 * {@link MdFrame#conservedEnergy()} (per atom): its change from the first to the last frame, the slope of
 * a least-squares line through it (drift rate), its largest deviation from the first value and its
 * standard deviation (fluctuation). O(1) memory. Not thread-safe.
 */
public final class MdStatistics {
    private long frames;
    private double e0 = Double.NaN;
    private double eLast = Double.NaN;
    private double maxDev;
    private double eMean;
    private double eM2;
    private double tMean;
    private double tM2;
    private long tCount;
    private double st;
    private double stt;
    private double se;
    private double ste;
    private double maxSigma = Double.NaN;
    private double potentialMean;
    private double hMean;
    private double hM2;

    /** Adds one instant; the first frame added is the reference of the energy deviation. */
    public void add(MdFrame f) {
        double e = f.conservedEnergyPerAtom();
        double t = f.timeFs() * 1e-3;
        frames++;
        if (frames == 1) {
            e0 = e;
        }
        eLast = e;
        maxDev = Math.max(maxDev, Math.abs(e - e0));
        // centred on e0 to keep the sums well conditioned
        double y = e - e0;
        double d = y - eMean;
        eMean += d / frames;
        eM2 += d * (y - eMean);
        st += t;
        stt += t * t;
        se += y;
        ste += t * y;
        potentialMean += (f.potentialEnergyPerAtom() - potentialMean) / frames;
        double h = f.symmetric().map(q -> q.group().screwShift()).orElse(Double.NaN);
        double dh = h - hMean;
        hMean += dh / frames;
        hM2 += dh * (h - hMean);
        if (frames > 1) {
            tCount++;
            double dt = f.temperature() - tMean;
            tMean += dt / tCount;
            tM2 += dt * (f.temperature() - tMean);
        }
        if (f.uncertainty().isPresent()) {
            double s = f.uncertainty().get().maxForceEpistemic();
            maxSigma = Double.isNaN(maxSigma) ? s : Math.max(maxSigma, s);
        }
    }

    public long frames() {
        return frames;
    }

    /** Mean kinetic temperature over the frames after the first, K. */
    public double meanTemperature() {
        return tCount > 0 ? tMean : Double.NaN;
    }

    /** Standard deviation of the kinetic temperature, K. */
    public double temperatureStd() {
        return tCount > 1 ? Math.sqrt(tM2 / (tCount - 1)) : Double.NaN;
    }

    /** Last minus first conserved energy, Hartree per atom. */
    public double driftPerAtom() {
        return eLast - e0;
    }

    /** Slope of the least-squares line through the conserved energy, Hartree per atom per ps. */
    public double driftRatePerAtomPerPs() {
        double n = frames;
        double den = n * stt - st * st;
        return frames > 1 && den > 0 ? (n * ste - st * se) / den : Double.NaN;
    }

    /** Largest |E(t) - E(0)| of the conserved energy, Hartree per atom. */
    public double maxDeviationPerAtom() {
        return maxDev;
    }

    /** Standard deviation of the conserved energy, Hartree per atom. */
    public double fluctuationPerAtom() {
        return frames > 1 ? Math.sqrt(eM2 / (frames - 1)) : Double.NaN;
    }

    /** Conserved energy of the first frame, Hartree per atom. */
    public double initialConservedPerAtom() {
        return e0;
    }

    /** Mean potential energy, Hartree per atom. */
    public double meanPotentialPerAtom() {
        return potentialMean;
    }

    /** Mean screw shift h (tube runs; it varies with axial coupling), Bohr; NaN for cells. */
    public double meanScrewShift() {
        return hMean;
    }

    /** Standard deviation of h, Bohr. */
    public double screwShiftStd() {
        return frames > 1 ? Math.sqrt(hM2 / (frames - 1)) : Double.NaN;
    }

    /** Largest epistemic force sigma seen (frames with an uncertainty), Ha/Bohr; NaN if none. */
    public double maxForceSigmaEpistemic() {
        return maxSigma;
    }
}
