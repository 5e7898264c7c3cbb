package org.helixff.training;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.helixff.InvalidInputException;
import org.helixff.Progress;
import org.helixff.calculator.Calculator;
import org.helixff.calculator.SymmetricResult;
import org.helixff.symmetry.SymmetricStructure;

/**
 * Labelled symmetric frames of tubes from a teacher calculator: each frame is one of the given base
 * structures (e.g. the ideal and the relaxed tube) under a random axial strain and twist, with every
 * motif atom displaced by a random vector uniform in a ball. Seeded and reproducible: frame f uses its
 * own random stream split from the seed, so frames do not depend on evaluation order.
 */
public final class TeacherData {
    private TeacherData() {
    }

    /**
     * @param maxDisplacement largest motif-atom displacement, Bohr (uniform in the ball)
     * @param maxStrain       strain drawn uniformly from [-maxStrain, maxStrain]
     * @param maxTwist        twist drawn uniformly from [-maxTwist, maxTwist], rad/Bohr
     * @param seed            random seed
     */
    public record Options(double maxDisplacement, double maxStrain, double maxTwist, long seed) {
        public Options {
            if (!(maxDisplacement >= 0) || !(maxStrain >= 0 && maxStrain < 0.3) || !(maxTwist >= 0)
                    || !Double.isFinite(maxDisplacement) || !Double.isFinite(maxTwist)) {
                throw new InvalidInputException("teacher data: displacement >= 0, strain in [0, 0.3), twist >= 0 needed");
            }
        }

        /** 0.15 Bohr, 2 % strain, 0.002 rad/Bohr twist, seed 1: {@code builder().build()}. */
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
            private double maxDisplacement = 0.15;
            private double maxStrain = 0.02;
            private double maxTwist = 0.002;
            private long seed = 1L;

            private Builder() {
            }

            private Builder(Options o) {
                maxDisplacement = o.maxDisplacement;
                maxStrain = o.maxStrain;
                maxTwist = o.maxTwist;
                seed = o.seed;
            }

            /** Largest motif-atom displacement, Bohr (>= 0). */
            public Builder maxDisplacement(double value) {
                maxDisplacement = value;
                return this;
            }

            /** Largest strain, in [0, 0.3). */
            public Builder maxStrain(double value) {
                maxStrain = value;
                return this;
            }

            /** Largest twist, rad/Bohr (>= 0). */
            public Builder maxTwist(double value) {
                maxTwist = value;
                return this;
            }

            /** Random seed. */
            public Builder seed(long value) {
                seed = value;
                return this;
            }

            /**
             * The settings.
             *
             * @throws InvalidInputException when a value lies outside its range (see the record's constructor)
             */
            public Options build() {
                return new Options(maxDisplacement, maxStrain, maxTwist, seed);
            }
        }
    }

    /**
     * @param bases   structures to perturb (cycled through in order)
     * @param frames  number of frames
     * @param teacher labels energies, forces and dE/dh
     * @param group   energy group of the frames (e.g. the teacher's name)
     */
    public static List<TrainingFrame> generate(List<SymmetricStructure> bases, int frames, Calculator teacher,
            Options opt, String group, Progress progress) {
        if (bases.isEmpty() || frames < 1) {
            throw new InvalidInputException("teacher data needs at least one base structure and one frame");
        }
        List<SymmetricStructure> structures = perturbations(bases, frames, opt);
        List<TrainingFrame> out = new ArrayList<>(frames);
        for (int f = 0; f < frames; f++) {
            SymmetricStructure s = structures.get(f);
            SymmetricResult r = teacher.compute(s);
            String name = s.tube().map(Object::toString).orElse("tube") + "#" + f;
            out.add(TrainingFrame.symmetric(s, r.energyPerAtom(), r.forces(), r.dEdh(), group, name));
            progress.update("teacher frames", f + 1, frames);
        }
        return out;
    }

    /**
     * Labelled non-symmetric full cells: each frame is one of the bases under a random axial strain, expanded
     * to {@code cells} translational cells, with every atom displaced independently (uniform in a ball of
     * radius maxDisplacement). These constrain the force constants between atoms that move differently
     * (every (kappa, nu) block of the phonons), which symmetric frames cannot. Twist is not applied (it would
     * break the translational period).
     */
    public static List<TrainingFrame> generateCells(List<SymmetricStructure> bases, int cells, int frames,
            Calculator teacher, Options opt, String group, Progress progress) {
        if (bases.isEmpty() || frames < 1 || cells < 1) {
            throw new InvalidInputException("teacher cells need a base structure, one frame and one cell");
        }
        SplittableRandom root = new SplittableRandom(opt.seed() ^ 0x5DEECE66DL);
        List<TrainingFrame> out = new ArrayList<>(frames);
        for (int f = 0; f < frames; f++) {
            SplittableRandom r = root.split();
            SymmetricStructure base = bases.get(f % bases.size());
            double strain = opt.maxStrain() * (2 * r.nextDouble() - 1);
            org.helixff.structure.Structure c = base.deformed(strain, 0.0).expand(cells);
            double[] x = c.positions();
            for (int a = 0; a < c.size(); a++) {
                double[] v = randomInBall(r);
                for (int k = 0; k < 3; k++) {
                    x[3 * a + k] += opt.maxDisplacement() * v[k];
                }
            }
            c = c.withPositions(x);
            org.helixff.calculator.CellResult res = teacher.compute(c);
            String name = base.tube().map(Object::toString).orElse("tube") + "-cell#" + f;
            out.add(TrainingFrame.cell(c, res.energyPerAtom(), res.forces(), group, name));
            progress.update("teacher cells", f + 1, frames);
        }
        return out;
    }

    /** The perturbed structures alone (no labels). */
    public static List<SymmetricStructure> perturbations(List<SymmetricStructure> bases, int frames, Options opt) {
        SplittableRandom root = new SplittableRandom(opt.seed());
        List<SymmetricStructure> out = new ArrayList<>(frames);
        for (int f = 0; f < frames; f++) {
            SplittableRandom r = root.split();
            SymmetricStructure base = bases.get(f % bases.size());
            double strain = opt.maxStrain() * (2 * r.nextDouble() - 1);
            double twist = opt.maxTwist() * (2 * r.nextDouble() - 1);
            SymmetricStructure s = base.deformed(strain, twist);
            double[] x = s.motif();
            for (int a = 0; a < s.motifSize(); a++) {
                double[] v = randomInBall(r);
                for (int c = 0; c < 3; c++) {
                    x[3 * a + c] += opt.maxDisplacement() * v[c];
                }
            }
            out.add(s.withMotif(x));
        }
        return out;
    }

    private static double[] randomInBall(SplittableRandom r) {
        while (true) {
            double x = 2 * r.nextDouble() - 1;
            double y = 2 * r.nextDouble() - 1;
            double z = 2 * r.nextDouble() - 1;
            if (x * x + y * y + z * z <= 1) {
                return new double[] {x, y, z};
            }
        }
    }
}
