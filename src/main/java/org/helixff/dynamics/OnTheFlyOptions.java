package org.helixff.dynamics;

import org.helixff.InvalidInputException;
import org.helixff.training.TeacherData;
import org.helixff.training.TrainingOptions;

/**
 * Settings of the on-the-fly loop ({@link OnTheFly}). Made with {@link #builder(long)} (starting from the
 * {@linkplain #defaults defaults}) or {@link #toBuilder()}; the record validates every field.
 *
 * @param md                  MD settings (temperature, time step, thermostat, seed, axial coupling)
 * @param steps               MD steps (>= 0)
 * @param threshold           when to call the teacher
 * @param initialFrames       teacher frames before the MD, in [2, 10000] (the start and perturbations of it)
 * @param initialPerturbation displacement, strain and twist ranges of the initial perturbations (its seed is used
 *                            for them)
 * @param maxReferences       bound on the model's reference environments, in [1, 20000]
 * @param maxTeacherCalls     bound on teacher calls during the MD (>= 0)
 * @param checkInterval       uncertainty checked every this many steps (>= 1)
 * @param checkpointInterval  listener checkpoint every this many teacher calls (>= 1)
 * @param training            fit settings (SOAP, zeta, regression); the reference size and offset group are set
 *                            by the loop
 * @param diameterLadder      relative diameter step f of the curvature ladder ({@link CurvatureLadder}), in
 *                            [0, 1]: with a symmetry-adapted teacher, the tubes (n, m) scaled by 1/(1 + f) and
 *                            1 + f (indices rounded) are labelled too, each with the initial frames, so that the
 *                            model sees a band of curvatures around the simulated tube; 0: none
 */
public record OnTheFlyOptions(MdOptions md, long steps, UncertaintyThreshold threshold, int initialFrames,
        TeacherData.Options initialPerturbation, int maxReferences, int maxTeacherCalls, int checkInterval,
        int checkpointInterval, TrainingOptions training, double diameterLadder) {
    /**
     * @throws InvalidInputException for a missing part or a value out of its range (named in the message)
     */
    public OnTheFlyOptions {
        if (md == null || threshold == null || initialPerturbation == null || training == null) {
            throw new InvalidInputException("on-the-fly: MD options, threshold, perturbation and training options"
                    + " must be given");
        }
        if (steps < 0) {
            throw new InvalidInputException("on-the-fly: steps " + steps + " must be >= 0");
        }
        if (initialFrames < 2 || initialFrames > 10_000) {
            throw new InvalidInputException("on-the-fly: initial frames " + initialFrames + " must lie in [2, 10000]"
                    + " (a fit needs two energies)");
        }
        if (maxReferences < 1 || maxReferences > 20_000) {
            throw new InvalidInputException("on-the-fly: max references " + maxReferences + " must lie in [1, 20000]");
        }
        if (maxTeacherCalls < 0) {
            throw new InvalidInputException("on-the-fly: max teacher calls " + maxTeacherCalls + " must be >= 0");
        }
        if (checkInterval < 1 || checkpointInterval < 1) {
            throw new InvalidInputException("on-the-fly: check and checkpoint intervals must be >= 1");
        }
        if (!(diameterLadder >= 0 && diameterLadder <= 1)) {
            throw new InvalidInputException("on-the-fly: diameter ladder " + diameterLadder
                    + " must lie in [0, 1] (0: none)");
        }
    }

    /**
     * 600 K Langevin (friction 0.01/fs), 0.5 fs, threshold 3e-4 Ha/Bohr, 4 initial frames (motif atoms
     * displaced up to 0.1 Bohr, strain up to 1 %, twist up to 0.001 rad/Bohr), at most 400 references,
     * unlimited calls, uncertainty every step, checkpoint every 10 calls, default training options, ladder
     * step 0.25.
     *
     * @param steps MD steps (>= 0)
     */
    public static OnTheFlyOptions defaults(long steps) {
        return builder(steps).build();
    }

    /** A builder holding the {@linkplain #defaults defaults} for {@code steps} MD steps. */
    public static Builder builder(long steps) {
        return new Builder(steps);
    }

    /** A builder holding these settings. */
    public Builder toBuilder() {
        Builder b = new Builder(steps);
        b.md = md;
        b.threshold = threshold;
        b.initialFrames = initialFrames;
        b.initialPerturbation = initialPerturbation;
        b.maxReferences = maxReferences;
        b.maxTeacherCalls = maxTeacherCalls;
        b.checkInterval = checkInterval;
        b.checkpointInterval = checkpointInterval;
        b.training = training;
        b.diameterLadder = diameterLadder;
        return b;
    }

    /** Collects the settings; {@link #build()} validates them. Each setter names the record component it sets. */
    public static final class Builder {
        private MdOptions md = MdOptions.defaults().toBuilder().temperatureK(600).thermostat(Thermostat.LANGEVIN).build();
        private long steps;
        private UncertaintyThreshold threshold = UncertaintyThreshold.absolute(3e-4);
        private int initialFrames = 4;
        private TeacherData.Options initialPerturbation = new TeacherData.Options(0.1, 0.01, 0.001, 1L);
        private int maxReferences = 400;
        private int maxTeacherCalls = Integer.MAX_VALUE;
        private int checkInterval = 1;
        private int checkpointInterval = 10;
        private TrainingOptions training = TrainingOptions.defaults();
        private double diameterLadder = 0.25;

        private Builder(long steps) {
            this.steps = steps;
        }

        /** See {@link OnTheFlyOptions#md()}. */
        public Builder md(MdOptions v) {
            md = v;
            return this;
        }

        /** See {@link OnTheFlyOptions#steps()}. */
        public Builder steps(long v) {
            steps = v;
            return this;
        }

        /** See {@link OnTheFlyOptions#threshold()}. */
        public Builder threshold(UncertaintyThreshold v) {
            threshold = v;
            return this;
        }

        /** See {@link OnTheFlyOptions#initialFrames()}. */
        public Builder initialFrames(int v) {
            initialFrames = v;
            return this;
        }

        /** See {@link OnTheFlyOptions#initialPerturbation()}. */
        public Builder initialPerturbation(TeacherData.Options v) {
            initialPerturbation = v;
            return this;
        }

        /** See {@link OnTheFlyOptions#maxReferences()}. */
        public Builder maxReferences(int v) {
            maxReferences = v;
            return this;
        }

        /** See {@link OnTheFlyOptions#maxTeacherCalls()}. */
        public Builder maxTeacherCalls(int v) {
            maxTeacherCalls = v;
            return this;
        }

        /** See {@link OnTheFlyOptions#checkInterval()}. */
        public Builder checkInterval(int v) {
            checkInterval = v;
            return this;
        }

        /** See {@link OnTheFlyOptions#checkpointInterval()}. */
        public Builder checkpointInterval(int v) {
            checkpointInterval = v;
            return this;
        }

        /** See {@link OnTheFlyOptions#training()}. */
        public Builder training(TrainingOptions v) {
            training = v;
            return this;
        }

        /** See {@link OnTheFlyOptions#diameterLadder()}. */
        public Builder diameterLadder(double v) {
            diameterLadder = v;
            return this;
        }

        /**
         * The settings.
         *
         * @throws InvalidInputException for a missing part or a value out of its range
         */
        public OnTheFlyOptions build() {
            return new OnTheFlyOptions(md, steps, threshold, initialFrames, initialPerturbation, maxReferences,
                    maxTeacherCalls, checkInterval, checkpointInterval, training, diameterLadder);
        }
    }
}
