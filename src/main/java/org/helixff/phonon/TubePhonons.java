package org.helixff.phonon;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.helixff.ConvergenceException;
import org.helixff.InvalidInputException;
import org.helixff.Progress;
import org.helixff.calculator.Calculator;
import org.helixff.calculator.SymmetricResult;
import org.helixff.relax.RelaxationResult;
import org.helixff.relax.Relaxer;
import org.helixff.symmetry.SymmetricStructure;

/**
 * The whole phonon workflow for one tube with any {@link Calculator}: optional symmetric relaxation, force
 * constants ({@link FiniteDifferenceForceConstants}), symmetrisation and sum rules ({@link SumRules}), helical
 * dispersion, the translational cell's Gamma spectrum and linear dispersion, density of states and the named
 * modes ({@link ModeAnalysis}). Returns an immutable {@link TubePhononResult}.
 *
 * <p>Bad input fails loudly: a kappa grid below 2 points or other impossible options throw
 * {@link InvalidInputException}; a relaxation that does not converge throws {@link ConvergenceException}
 * (phonons of a half-relaxed tube are not worth computing). An unrelaxed structure is allowed but flagged: a
 * warning when its largest force exceeds {@link #UNRELAXED_FORCE}, and every frequency below
 * -{@link Options#imaginaryTolerance()} is counted in {@link TubePhononResult#instability()}.
 */
public final class TubePhonons {
    /** Largest force (Ha/Bohr) of a structure still called relaxed in the warnings. */
    public static final double UNRELAXED_FORCE = 1e-5;
    /** Upper bound on band-structure entries (bands x k points) of the automatic linear k path. */
    public static final long MAX_LINEAR_ENTRIES = 500_000L;

    private TubePhonons() {
    }

    /**
     * Settings.
     *
     * @param relax              relax the motif first (symmetry-adapted L-BFGS)
     * @param freeAxial          also relax the screw shift h (axial period); alpha stays, so the period remains
     * @param relaxTolerance     force tolerance of the relaxation, Ha/Bohr (> 0)
     * @param maxIterations      iteration limit of the relaxation (>= 0)
     * @param scheme             finite-difference scheme of the force constants
     * @param sumRules           impose the translational and rotational sum rules
     * @param kappaPoints        kappa points of the helical dispersion (>= 2)
     * @param kPoints            k points of the linear dispersion from Gamma to pi/T (>= 2), or 0 for automatic
     *                           (51, fewer for huge cells so that bands x points <= {@link #MAX_LINEAR_ENTRIES})
     * @param dosKappaPoints     kappa points per nu of the DOS sampling (>= 2), or 0 for automatic
     *                           (max(1024, 16 x the largest screw power in the force constants): enough to follow
     *                           D(kappa)'s fastest Fourier component)
     * @param dosSigma           Gaussian broadening of the DOS, cm^-1 (> 0)
     * @param ringMax            largest angular momentum of the ring modes (>= 2)
     * @param imaginaryTolerance frequencies below minus this (cm^-1) are counted as imaginary (>= 0)
     */
    public record Options(boolean relax, boolean freeAxial, double relaxTolerance, int maxIterations,
            DisplacementScheme scheme, boolean sumRules, int kappaPoints, int kPoints, int dosKappaPoints,
            double dosSigma, int ringMax, double imaginaryTolerance) {
        public Options {
            if (scheme == null) {
                throw new InvalidInputException("phonon options need a displacement scheme");
            }
            if (kappaPoints < 2) {
                throw new InvalidInputException("kappa grid of " + kappaPoints + " points: need at least 2");
            }
            if (kPoints != 0 && kPoints < 2) {
                throw new InvalidInputException("k path of " + kPoints + " points: need at least 2 (or 0 for auto)");
            }
            if (dosKappaPoints != 0 && dosKappaPoints < 2) {
                throw new InvalidInputException("DOS kappa sampling of " + dosKappaPoints
                        + " points: need at least 2 (or 0 for auto)");
            }
            if (!(dosSigma > 0) || !Double.isFinite(dosSigma)) {
                throw new InvalidInputException("DOS broadening " + dosSigma + " cm^-1 must be positive");
            }
            if (ringMax < 2) {
                throw new InvalidInputException("largest ring angular momentum " + ringMax + " must be >= 2");
            }
            if (!(imaginaryTolerance >= 0)) {
                throw new InvalidInputException("imaginary tolerance " + imaginaryTolerance + " cm^-1 must be >= 0");
            }
            if (!(relaxTolerance > 0) || maxIterations < 0) {
                throw new InvalidInputException("relaxation tolerance " + relaxTolerance + " Ha/Bohr must be > 0 and"
                        + " the iteration limit " + maxIterations + " >= 0");
            }
        }

        /**
         * No relaxation, relaxation tolerance 1e-6 Ha/Bohr and 2000 iterations when asked, default displacements,
         * sum rules on, 101 kappa points, automatic k path and DOS sampling, DOS sigma 4 cm^-1, ring modes up to
         * m = 4, imaginary tolerance 1 cm^-1.
         */
        public static Options defaults() {
            return builder().build();
        }

        /** A builder holding the defaults (the one place they are written). */
        public static Builder builder() {
            return new Builder();
        }

        /** A builder holding these settings. */
        public Builder toBuilder() {
            return new Builder(this);
        }

        /** Builds {@link Options}; the setters name the record's components, {@link #build()} validates. */
        public static final class Builder {
            private boolean relax = false;
            private boolean freeAxial = false;
            private double relaxTolerance = 1e-6;
            private int maxIterations = 2000;
            private DisplacementScheme scheme = DisplacementScheme.defaults();
            private boolean sumRules = true;
            private int kappaPoints = 101;
            private int kPoints = 0;
            private int dosKappaPoints = 0;
            private double dosSigma = 4.0;
            private int ringMax = 4;
            private double imaginaryTolerance = 1.0;

            private Builder() {
            }

            private Builder(Options o) {
                relax = o.relax;
                freeAxial = o.freeAxial;
                relaxTolerance = o.relaxTolerance;
                maxIterations = o.maxIterations;
                scheme = o.scheme;
                sumRules = o.sumRules;
                kappaPoints = o.kappaPoints;
                kPoints = o.kPoints;
                dosKappaPoints = o.dosKappaPoints;
                dosSigma = o.dosSigma;
                ringMax = o.ringMax;
                imaginaryTolerance = o.imaginaryTolerance;
            }

            /** Relax the motif first (symmetry-adapted L-BFGS). */
            public Builder relax(boolean value) {
                relax = value;
                return this;
            }

            /** Also relax the screw shift h (alpha stays). */
            public Builder freeAxial(boolean value) {
                freeAxial = value;
                return this;
            }

            /** Force tolerance of the relaxation, Ha/Bohr (> 0). */
            public Builder relaxTolerance(double value) {
                relaxTolerance = value;
                return this;
            }

            /** Iteration limit of the relaxation (>= 0). */
            public Builder maxIterations(int value) {
                maxIterations = value;
                return this;
            }

            /** Finite-difference scheme of the force constants. */
            public Builder scheme(DisplacementScheme value) {
                scheme = value;
                return this;
            }

            /** Impose the translational and rotational sum rules. */
            public Builder sumRules(boolean value) {
                sumRules = value;
                return this;
            }

            /** Kappa points of the helical dispersion (>= 2). */
            public Builder kappaPoints(int value) {
                kappaPoints = value;
                return this;
            }

            /** K points of the linear dispersion (>= 2), or 0 for automatic. */
            public Builder kPoints(int value) {
                kPoints = value;
                return this;
            }

            /** Kappa points per nu of the DOS sampling (>= 2), or 0 for automatic. */
            public Builder dosKappaPoints(int value) {
                dosKappaPoints = value;
                return this;
            }

            /** Gaussian broadening of the DOS, cm^-1 (> 0). */
            public Builder dosSigma(double value) {
                dosSigma = value;
                return this;
            }

            /** Largest angular momentum of the ring modes (>= 2). */
            public Builder ringMax(int value) {
                ringMax = value;
                return this;
            }

            /** Frequencies below minus this (cm^-1) count as imaginary (>= 0). */
            public Builder imaginaryTolerance(double value) {
                imaginaryTolerance = value;
                return this;
            }

            /**
             * The settings.
             *
             * @throws InvalidInputException when a value lies outside its range (see the record's constructor)
             */
            public Options build() {
                return new Options(relax, freeAxial, relaxTolerance, maxIterations, scheme, sumRules, kappaPoints,
                        kPoints, dosKappaPoints, dosSigma, ringMax, imaginaryTolerance);
            }
        }
    }

    /**
     * The relaxed (or given) structure and its force constants: the common first half of every workflow and its
     * intermediates (the raw constants, the sum-rule outcome).
     *
     * @param structure  the structure (relaxed when asked)
     * @param relaxation the relaxation, or null when none was run
     * @param energy     energy, forces and screw derivatives at the structure; null for constants read from files
     * @param raw        force constants as computed or read, before symmetrisation and sum rules
     * @param sumRules   the sum-rule correction, or null when not imposed
     * @param phonons    the phonons of the corrected (or only symmetrized) constants
     * @param warnings   checks that did not pass so far
     * @param timingsMs  wall time of each stage so far, milliseconds
     */
    public record Prepared(SymmetricStructure structure, RelaxationResult relaxation, SymmetricResult energy,
            ForceConstants raw, SumRules.Outcome sumRules, HelicalPhonons phonons, List<PhononWarning> warnings,
            Map<String, Double> timingsMs) {
        public Prepared {
            warnings = List.copyOf(warnings);
            timingsMs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(timingsMs));
        }
    }

    /**
     * Relaxes (if asked), computes and corrects the force constants.
     *
     * @throws ConvergenceException when the relaxation does not converge
     */
    public static Prepared prepare(Calculator calc, SymmetricStructure start, Options o, Progress progress) {
        List<PhononWarning> warnings = new ArrayList<>();
        Map<String, Double> times = new LinkedHashMap<>();
        SymmetricStructure s = start;
        RelaxationResult rr = null;
        long t0 = System.nanoTime();
        if (o.relax()) {
            progress.update("relaxation", 0, 1);
            Relaxer.Options ro = Relaxer.Options.builder().forceTolerance(o.relaxTolerance())
                    .maxIterations(o.maxIterations()).freeAxial(o.freeAxial()).build();
            rr = new Relaxer(calc, ro).relax(start);
            if (!rr.converged()) {
                throw new ConvergenceException("relaxation of " + tubeName(start) + " did not converge ("
                        + rr.status() + "); phonons need a relaxed tube: raise the iteration limit or the tolerance");
            }
            s = rr.structure();
            progress.update("relaxation", 1, 1);
        }
        long t1 = System.nanoTime();
        times.put("relaxation", (t1 - t0) / 1e6);
        SymmetricResult e = calc.compute(s);
        if (e.maxForce() > UNRELAXED_FORCE) {
            warnings.add(PhononWarning.notRelaxed(e.maxForce()));
        }
        ForceConstants raw = new FiniteDifferenceForceConstants(calc, o.scheme()).compute(s, progress);
        long t2 = System.nanoTime();
        times.put("force_constants", (t2 - t1) / 1e6);
        SumRules.Outcome sr = null;
        ForceConstants used;
        if (o.sumRules()) {
            sr = SumRules.impose(raw);
            used = sr.forceConstants();
        } else {
            used = raw.symmetrized();
        }
        times.put("sum_rules", (System.nanoTime() - t2) / 1e6);
        return new Prepared(s, rr, e, raw, sr, new HelicalPhonons(used), warnings, times);
    }

    static String tubeName(SymmetricStructure s) {
        return s.tube().map(Object::toString).orElse("the tube");
    }

    /**
     * The full workflow.
     *
     * @throws ConvergenceException when the relaxation does not converge
     */
    public static TubePhononResult run(Calculator calc, SymmetricStructure start, Options o, Progress progress) {
        return analyze(prepare(calc, start, o, progress), o, progress, calc.name());
    }

    /**
     * The first half of the workflow for force constants obtained elsewhere (read from phonopy files and projected
     * onto the symmetry-adapted blocks): sum rules when {@code o.sumRules()}, otherwise only the Hessian symmetry
     * ({@link ForceConstants#symmetrized()}). No relaxation and no energy ({@link Prepared#energy()} is null).
     *
     * @param raw      symmetry-adapted force constants (not yet symmetrized)
     * @param warnings the caller's checks to carry into the result (may be empty)
     */
    public static Prepared prepareExternal(ForceConstants raw, Options o, List<PhononWarning> warnings) {
        long t0 = System.nanoTime();
        SumRules.Outcome sr = o.sumRules() ? SumRules.impose(raw) : null;
        ForceConstants used = sr != null ? sr.forceConstants() : raw.symmetrized();
        Map<String, Double> times = new LinkedHashMap<>();
        times.put("sum_rules", (System.nanoTime() - t0) / 1e6);
        return new Prepared(raw.structure(), null, null, raw, sr, new HelicalPhonons(used), warnings, times);
    }

    /**
     * The second half of the workflow: dispersion, Gamma and linear dispersion, DOS, named modes and checks.
     *
     * @param p         relaxed structure and force constants ({@link #prepare} or {@link #prepareExternal})
     * @param modelName where the force constants came from (for the result)
     */
    public static TubePhononResult analyze(Prepared p, Options o, Progress progress, String modelName) {
        List<PhononWarning> warnings = new ArrayList<>(p.warnings());
        Map<String, Double> times = new LinkedHashMap<>(p.timingsMs());
        HelicalPhonons ph = p.phonons();
        long t0 = System.nanoTime();
        HelicalDispersion disp = ph.dispersion(o.kappaPoints(), progress);
        long t1 = System.nanoTime();
        times.put("helical_dispersion", (t1 - t0) / 1e6);
        CellSpectrum gamma = null;
        LinearDispersion linear = null;
        if (ph.period().isPresent()) {
            gamma = ph.gamma();
            long bands = 3 * ph.cellAtoms();
            int kp = o.kPoints() != 0 ? o.kPoints()
                    : (int) Math.max(2, Math.min(51, MAX_LINEAR_ENTRIES / Math.max(1, bands)));
            linear = ph.linearDispersion(kp, progress);
        } else {
            warnings.add(PhononWarning.noPeriod());
        }
        long t2 = System.nanoTime();
        times.put("gamma_and_linear_dispersion", (t2 - t1) / 1e6);
        int dk = o.dosKappaPoints() != 0 ? o.dosKappaPoints()
                : Math.max(1024, 16 * ph.forceConstants().maxScrewPower());
        HelicalDispersion sampling = dk == o.kappaPoints() ? disp : ph.dispersion(dk, progress);
        DensityOfStates dos = HelicalPhonons.densityOfStates(sampling, o.dosSigma(), o.dosSigma() / 4);
        long t3 = System.nanoTime();
        times.put("density_of_states", (t3 - t2) / 1e6);
        List<IdentifiedMode> zero = ModeAnalysis.zeroModes(ph);
        IdentifiedMode rbm = ModeAnalysis.radialBreathingMode(ph);
        List<IdentifiedMode> ring = ModeAnalysis.ringModes(ph, o.ringMax());
        List<IdentifiedMode> g = ModeAnalysis.gModes(ph);
        times.put("mode_analysis", (System.nanoTime() - t3) / 1e6);
        Instability inst = Instability.of(disp, gamma, o.imaginaryTolerance());
        if (inst.count() > 0) {
            warnings.add(PhononWarning.imaginary(inst, o.imaginaryTolerance(),
                    p.relaxation() == null && p.energy() != null));
        }
        for (IdentifiedMode z : zero) {
            if (Math.abs(z.frequencyCm1()) > 1.0 || z.overlap() < 0.99) {
                warnings.add(PhononWarning.poorZeroMode(z));
            }
        }
        return new TubePhononResult(modelName, o, p.structure(), Optional.ofNullable(p.relaxation()), p.energy(),
                p.phonons(), TubePhononResult.ForceConstantSummary.of(p.raw(), p.sumRules()), disp, gamma, linear, dos,
                zero, rbm, ring, g, inst, warnings, times);
    }

    /**
     * Imaginary frequencies found on the helical grid and at Gamma.
     *
     * @param count  modes below -tolerance (grid blocks plus Gamma blocks)
     * @param lowest the lowest frequency seen, cm^-1
     * @param nu     its cyclic index
     * @param kappa  its helical phase
     */
    public record Instability(int count, double lowest, int nu, double kappa, double tolerance) {
        static Instability of(HelicalDispersion d, CellSpectrum gamma, double tol) {
            int count = 0;
            double low = Double.POSITIVE_INFINITY;
            int lnu = 0;
            double lk = 0;
            for (int nu = 0; nu < d.cyclicOrder(); nu++) {
                for (int t = 0; t < d.kappaPoints(); t++) {
                    for (int b = 0; b < d.branches(); b++) {
                        double f = d.frequency(nu, t, b);
                        if (f < -tol) {
                            count++;
                        }
                        if (f < low) {
                            low = f;
                            lnu = nu;
                            lk = d.kappa(t);
                        }
                    }
                }
            }
            if (gamma != null) {
                for (int m = 0; m < gamma.blocks(); m++) {
                    for (int b = 0; b < gamma.branches(); b++) {
                        double f = gamma.frequency(m, b);
                        if (f < -tol) {
                            count++;
                        }
                        if (f < low) {
                            low = f;
                            lnu = gamma.nu(m);
                            lk = gamma.kappa(m);
                        }
                    }
                }
            }
            return new Instability(count, low, lnu, lk, tol);
        }
    }
}
