package org.helixff.dynamics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.helixff.HelixException;
import org.helixff.InvalidInputException;
import org.helixff.Progress;
import org.helixff.Tolerances;
import org.helixff.Units;
import org.helixff.calculator.Calculator;
import org.helixff.calculator.CalculatorContract;
import org.helixff.io.AtomColumn;
import org.helixff.io.ExtXyz;
import org.helixff.io.Frame;
import org.helixff.relax.RelaxationResult;
import org.helixff.relax.Relaxer;
import org.helixff.report.TrajectoryWriter;
import org.helixff.structure.Nanotube;
import org.helixff.structure.Structure;
import org.helixff.symmetry.GroupElement;
import org.helixff.symmetry.SymmetricStructure;
import org.helixff.teacher.Teachers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MolecularDynamicsTest {
    /** A temperature rescaled to exactly 300 K: round-off of the kinetic-energy sum, K. */
    private static final double RESCALED_TEMPERATURE = 1e-9;
    /** Kinetic energy per atom of the symmetric run against its full-cell expansion, K. */
    private static final double KINETIC_PER_ATOM = 1e-6;
    /** The forward run moves the atoms by more than this, Bohr. */
    private static final double MOVED = 0.01;
    /** The transverse momentum is larger than this fraction of its scale. */
    private static final double MOMENTUM_NON_TRIVIAL = 1e-3;
    /** An MD frame written to extxyz and read back (energies, temperatures, positions in printed decimals). */
    private static final double PRINTED = 1e-9;
    /** The centre-of-mass momentum after removal: round-off of the sum over atoms. */
    private static final double ZERO_MOMENTUM = 1e-9;
    /** The bar: NVE total energy conserved to better than 1e-5 Ha per atom over 2000 steps of 0.5 fs. */
    private static final double NVE_BAR = 1e-5;
    /**
     * Velocity Verlet is second order: halving dt divides the energy error by 4. Measured ratios 4.0 - 4.6
     * ((10,10), 300 K); accept [3, 6].
     */
    private static final double ORDER_RATIO_MIN = 3.0;
    private static final double ORDER_RATIO_MAX = 6.0;
    /**
     * Symmetric and full-cell trajectories agree to round-off amplified by the chaotic dynamics over 200 steps
     * (measured ~1e-12 Bohr); 1e-8 Bohr leaves room and still fails for any real difference.
     */
    private static final double SAME_TRAJECTORY_TOL = 1e-8;
    /** Retracing a reversed Verlet trajectory: round-off only (measured ~1e-12 Bohr). */
    private static final double REVERSIBLE_TOL = 1e-8;
    /** Zero-mode momenta stay at round-off: relative to the RMS momentum of one atom. */
    private static final double ZERO_MODE_TOL = 1e-10;
    /**
     * Mean kinetic temperature within 3 % of the target: 4 DOF give instantaneous values with std ~T/sqrt(2);
     * 200k steps at friction 0.05/fs give ~10^4 independent samples, a standard error ~0.7 % (measured:
     * 298.8 K and 300.25 K at 300 K).
     */
    private static final double TEMPERATURE_TOL = 0.03;
    /**
     * BAOAB samples configurations accurately: &lt;U&gt; - U_min = (DOF/2) kT for a near-harmonic system
     * (measured ratio 1.002 at 30 K and 300 K); 5 % covers statistics and anharmonicity.
     */
    private static final double EQUIPARTITION_TOL = 0.05;
    /** At 30 K the Langevin piston's mean h equals the free-axial relaxed h (thermal expansion ~1e-5). */
    private static final double PISTON_H_TOL = 2e-4;

    private static final Calculator LB = Teachers.byName("tersoff-lb");

    private static SymmetricStructure tube(int n, int m) {
        return SymmetricStructure.fromTube(Nanotube.of(n, m));
    }

    @Test
    void nveConservesEnergyOver2000StepsOfHalfFemtosecond() {
        SymmetricMd md = new SymmetricMd(tube(10, 10), null, SymmetricForceField.of(LB),
                MdOptions.builder().temperatureK(300).build());
        assertEquals(4, md.degreesOfFreedom());
        assertEquals(300.0, md.state().temperature(), RESCALED_TEMPERATURE, "initial velocities rescaled to exactly T");
        MdResult r = MolecularDynamics.run(md, 2000, 1, null, null, Progress.NONE);
        assertEquals(2000, r.steps());
        assertTrue(r.maxDeviationPerAtom() < NVE_BAR, "max |E(t) - E(0)| = " + r.maxDeviationPerAtom());
        // the dynamics is not trivial: energy flows between kinetic and potential
        assertTrue(r.temperatureStd() > 30, "temperature std " + r.temperatureStd());
        assertTrue(r.maxDeviationPerAtom() > 0);
    }

    @Test
    void energyErrorIsSecondOrderInTheTimeStep() {
        double[] dev = new double[2];
        double[] dts = {0.5, 0.25};
        for (int i = 0; i < 2; i++) {
            SymmetricMd md = new SymmetricMd(tube(10, 10), null, SymmetricForceField.of(LB),
                    MdOptions.builder().temperatureK(300).timestepFs(dts[i]).build());
            dev[i] = MolecularDynamics.run(md, Math.round(500 / dts[i]), 1, null, null, Progress.NONE)
                    .maxDeviationPerAtom();
        }
        double ratio = dev[0] / dev[1];
        assertTrue(ratio > ORDER_RATIO_MIN && ratio < ORDER_RATIO_MAX, "error ratio for dt/2: " + ratio);
    }

    @Test
    void symmetricTrajectoryEqualsTheFullCellTrajectory() {
        // a chiral tube with an irregular motif: (6,4), N = 2, 152 atoms per translational cell
        for (int[] nm : new int[][] {{10, 10}, {6, 4}}) {
            SymmetricStructure s = CalculatorContract.perturbed(nm[0], nm[1], 3, false);
            SymmetricMd sym = new SymmetricMd(s, null, SymmetricForceField.of(LB),
                    MdOptions.builder().temperatureK(500).seed(7).build());
            double[] v = sym.state().velocities();
            int cells = (int) Math.ceil(3 * LB.cutoff() / (s.periodSteps() * s.group().screwShift()));
            Structure cell = s.expand(cells);
            double[] vc = new double[3 * cell.size()];
            int steps = (int) (s.periodSteps() * cells);
            for (int j = 0; j < steps; j++) {
                for (int k = 0; k < s.group().cyclicOrder(); k++) {
                    for (int a = 0; a < s.motifSize(); a++) {
                        double[] r = s.group().rotate(new GroupElement(k, j), new double[] {v[3 * a], v[3 * a + 1],
                            v[3 * a + 2]});
                        System.arraycopy(r, 0, vc, 3 * s.expandedIndex(a, k, j), 3);
                    }
                }
            }
            CellMd full = new CellMd(cell, vc, CellForceField.of(LB), MdOptions.defaults());
            for (int t = 0; t < 200; t++) {
                sym.step();
                full.step();
            }
            SymmetricStructure end = sym.structure();
            Structure endCell = full.structure();
            for (int j = 0; j < steps; j += Math.max(1, steps / 5)) {
                for (int k = 0; k < s.group().cyclicOrder(); k++) {
                    for (int a = 0; a < s.motifSize(); a++) {
                        double[] img = end.image(a, k, j);
                        int idx = s.expandedIndex(a, k, j);
                        for (int d = 0; d < 3; d++) {
                            assertEquals(img[d], endCell.position(idx, d), SAME_TRAJECTORY_TOL,
                                    "(" + nm[0] + "," + nm[1] + ") image (" + a + ";" + k + "," + j + ")");
                        }
                    }
                }
            }
            assertEquals(sym.state().potentialEnergyPerAtom(), full.state().potentialEnergyPerAtom(), Tolerances.ROUND_OFF);
            assertEquals(sym.state().temperature() * sym.degreesOfFreedom() / (3.0 * s.motifSize()),
                    full.state().kineticEnergy() / cell.size() * 2 / (3 * Units.KB_HARTREE_PER_K), KINETIC_PER_ATOM,
                    "kinetic energy per atom");
            // the atoms really moved
            assertTrue(Math.abs(end.motifPosition(0, 2) - s.motifPosition(0, 2)) > Tolerances.NON_TRIVIAL
                    || Math.abs(end.motifPosition(0, 0) - s.motifPosition(0, 0)) > Tolerances.NON_TRIVIAL);
        }
    }

    @Test
    void verletRetracesAReversedTrajectory() {
        SymmetricStructure s = tube(8, 2);
        SymmetricMd fwd = new SymmetricMd(s, null, SymmetricForceField.of(LB),
                MdOptions.builder().temperatureK(800).build());
        for (int t = 0; t < 500; t++) {
            fwd.step();
        }
        double[] v = fwd.state().velocities();
        for (int i = 0; i < v.length; i++) {
            v[i] = -v[i];
        }
        SymmetricMd back = new SymmetricMd(fwd.structure(), v, SymmetricForceField.of(LB), MdOptions.defaults());
        for (int t = 0; t < 500; t++) {
            back.step();
        }
        double[] x0 = s.motif();
        double[] x1 = back.structure().motif();
        double moved = 0;
        for (int i = 0; i < x0.length; i++) {
            assertEquals(x0[i], x1[i], REVERSIBLE_TOL, "coordinate " + i);
            moved = Math.max(moved, Math.abs(fwd.structure().motif()[i] - x0[i]));
        }
        assertTrue(moved > MOVED, "the forward run moved the atoms by " + moved + " Bohr");
    }

    @Test
    void zeroModesCarryNoMomentumUnderTheThermostat() {
        SymmetricMd md = new SymmetricMd(tube(10, 0), null, SymmetricForceField.of(LB),
                MdOptions.builder().temperatureK(600).thermostat(Thermostat.LANGEVIN).frictionPerFs(0.1).build());
        double pScale = Math.sqrt(Units.CARBON_MASS * Units.KB_HARTREE_PER_K * 600);
        double lScale = pScale * 10;
        for (int t = 0; t <= 2000; t++) {
            if (t % 500 == 0) {
                assertEquals(0.0, md.momentum()[2], ZERO_MODE_TOL * pScale, "axial momentum at step " + t);
                assertEquals(0.0, md.angularMomentumZ(), ZERO_MODE_TOL * lScale, "angular momentum at step " + t);
            }
            md.step();
        }
        // transverse momentum is not a zero mode of the symmetric motif: it is not removed
        assertTrue(Math.abs(md.momentum()[0]) + Math.abs(md.momentum()[1]) > MOMENTUM_NON_TRIVIAL * pScale);
    }

    @Test
    void degreesOfFreedomOfFullCells() {
        Structure tubeCell = tube(5, 5).expand(2);
        CellMd md = new CellMd(tubeCell, null, CellForceField.of(LB), MdOptions.defaults());
        assertEquals(3 * tubeCell.size() - 4, md.degreesOfFreedom(), "3 translations + rotation about z");
        Structure bulk = new Structure(tubeCell.species(), tubeCell.positions(), tubeCell.cell(),
                new boolean[] {true, true, true});
        CellMd md2 = new CellMd(bulk, null, CellForceField.of(LB), MdOptions.defaults());
        assertEquals(3 * bulk.size() - 3, md2.degreesOfFreedom(), "3 translations only");
        assertEquals(300.0, md2.state().temperature(), RESCALED_TEMPERATURE);
        double[] p = md2.momentum();
        for (double c : p) {
            assertEquals(0.0, c, ZERO_MOMENTUM);
        }
    }

    @Test
    void seededVelocitiesAreReproducible() {
        MdOptions o = MdOptions.builder().seed(42).build();
        double[] a = new SymmetricMd(tube(7, 7), null, SymmetricForceField.of(LB), o).state().velocities();
        double[] b = new SymmetricMd(tube(7, 7), null, SymmetricForceField.of(LB), o).state().velocities();
        double[] c = new SymmetricMd(tube(7, 7), null, SymmetricForceField.of(LB), o.toBuilder().seed(43).build())
                .state().velocities();
        assertArrayEquals(a, b);
        assertFalse(java.util.Arrays.equals(a, c));
    }

    @Test
    void langevinHoldsTheTemperatureAndSamplesThePotentialEnergy() {
        RelaxationResult min = new Relaxer(LB, Relaxer.Options.defaults()).relax(tube(10, 10));
        assertTrue(min.converged());
        double target = 300;
        SymmetricMd md = new SymmetricMd(min.structure(), null, SymmetricForceField.of(LB), MdOptions.builder()
                .temperatureK(target).thermostat(Thermostat.LANGEVIN).frictionPerFs(0.05).seed(11).build());
        MolecularDynamics.run(md, 4000, 1, null, null, Progress.NONE);
        MdResult r = MolecularDynamics.run(md, 200_000, 1, null, null, Progress.NONE);
        assertEquals(4, r.degreesOfFreedom(), "3 x 2 motif coordinates - axial translation - rotation");
        assertEquals(target, r.meanTemperature(), TEMPERATURE_TOL * target, "mean kinetic temperature");
        double kt = Units.KB_HARTREE_PER_K * target;
        double excess = (r.meanPotentialPerAtom() - min.energyPerMotif() / 2) * 2;
        assertEquals(2 * kt, excess, EQUIPARTITION_TOL * 2 * kt, "<U> - U_min per motif = (DOF/2) kT");
    }

    @Test
    void axialCouplingConservesTheExtendedEnergyAndFindsTheStressFreeLength() {
        SymmetricMd nve = new SymmetricMd(tube(10, 10), null, SymmetricForceField.of(LB), MdOptions.builder()
                .temperatureK(300).axial(new MdOptions.Axial(0, 20 * Units.CARBON_MASS)).build());
        MdResult r = MolecularDynamics.run(nve, 2000, 1, null, null, Progress.NONE);
        assertTrue(r.maxDeviationPerAtom() < NVE_BAR, "extended energy deviation " + r.maxDeviationPerAtom());
        assertTrue(r.screwShiftStd() > Tolerances.NON_TRIVIAL, "h moves: std " + r.screwShiftStd());

        RelaxationResult free = new Relaxer(LB, Relaxer.Options.builder().freeAxial(true).build()).relax(tube(10, 10));
        double h0 = free.structure().group().screwShift();
        SymmetricMd nvt = new SymmetricMd(free.structure(), null, SymmetricForceField.of(LB), MdOptions.builder()
                .temperatureK(30).thermostat(Thermostat.LANGEVIN).frictionPerFs(0.05)
                .axial(new MdOptions.Axial(0, 20 * Units.CARBON_MASS)).build());
        MolecularDynamics.run(nvt, 2000, 1, null, null, Progress.NONE);
        MdResult rt = MolecularDynamics.run(nvt, 40_000, 1, null, null, Progress.NONE);
        assertEquals(h0, rt.meanScrewShift(), PISTON_H_TOL * h0, "mean h at 30 K vs relaxed");
        assertTrue(Math.abs(h0 - tube(10, 10).group().screwShift()) > 10 * PISTON_H_TOL * h0,
                "the relaxed h differs from the ideal one");

        // a tension stretches the tube: h grows with T
        SymmetricMd pulled = new SymmetricMd(free.structure(), null, SymmetricForceField.of(LB), MdOptions.builder()
                .temperatureK(30).thermostat(Thermostat.LANGEVIN).frictionPerFs(0.05)
                .axial(new MdOptions.Axial(0.2, 20 * Units.CARBON_MASS)).build());
        MolecularDynamics.run(pulled, 2000, 1, null, null, Progress.NONE);
        MdResult rp = MolecularDynamics.run(pulled, 20_000, 1, null, null, Progress.NONE);
        assertTrue(rp.meanScrewShift() > h0 * (1 + 10 * PISTON_H_TOL), "h under tension " + rp.meanScrewShift());
    }

    @Test
    void trajectoryIsWrittenAsSymmetricExtxyzFrames(@TempDir Path dir) {
        Path p = dir.resolve("traj.extxyz");
        SymmetricMd md = new SymmetricMd(tube(10, 10), null, SymmetricForceField.of(LB),
                MdOptions.builder().temperatureK(300).build());
        List<MdFrame> sampled = new ArrayList<>();
        try (TrajectoryWriter w = TrajectoryWriter.open(p)) {
            MolecularDynamics.run(md, 95, 10, f -> {
                sampled.add(f);
                w.write(f);
            }, null, Progress.NONE);
            assertFalse(Files.exists(p), "nothing at the target before close");
        }
        List<Frame> frames = ExtXyz.read(p);
        assertEquals(11, frames.size(), "steps 0, 10, ..., 90 and the last step 95");
        for (int i = 0; i < frames.size(); i++) {
            Frame f = frames.get(i);
            MdFrame m = sampled.get(i);
            assertTrue(f.isSymmetric());
            assertEquals(m.step(), f.infoLong("step").getAsLong());
            assertEquals(m.potentialEnergy(), f.energy().getAsDouble(), PRINTED);
            assertArrayEquals(m.forces(), f.forces().get(), Tolerances.ROUND_OFF);
            AtomColumn v = f.columns().stream().filter(c -> c.name().equals("velocities")).findFirst().orElseThrow();
            assertArrayEquals(m.velocities(), v.realValues(), Tolerances.ULP);
            assertEquals(m.temperature(), f.infoDouble("temperature_K").getAsDouble(), PRINTED);
            assertArrayEquals(m.symmetric().get().motif(), f.symmetric().get().motif(), PRINTED);
        }
    }

    @Test
    void aFailedRunLeavesOnlyCompleteFrames(@TempDir Path dir) {
        Path p = dir.resolve("traj.extxyz");
        SymmetricMd md = new SymmetricMd(tube(10, 10), null, (s, step) -> {
            if (step == 25) {
                throw new HelixException("teacher died at step 25");
            }
            return ForceSample.of(LB.compute(s), "lb");
        }, MdOptions.defaults());
        try (TrajectoryWriter w = TrajectoryWriter.open(p)) {
            assertThrows(HelixException.class, () -> MolecularDynamics.run(md, 100, 10, w::write, null, Progress.NONE));
        }
        assertEquals(3, ExtXyz.read(p).size(), "steps 0, 10, 20");
    }

    @Test
    void badSettingsNameTheValue() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> MdOptions.builder().timestepFs(-1).build());
        assertTrue(e.getMessage().contains("-1"));
        assertThrows(InvalidInputException.class, () -> MdOptions.builder().temperatureK(Double.NaN).build());
        assertThrows(InvalidInputException.class, () -> MdOptions.builder().frictionPerFs(0).build());
        assertThrows(InvalidInputException.class, () -> Thermostat.parse("berendsen"));
        assertThrows(InvalidInputException.class, () -> new CellMd(tube(5, 5).expand(1), null, CellForceField.of(LB),
                MdOptions.builder().axial(new MdOptions.Axial(0, 1e5)).build()));
        assertThrows(InvalidInputException.class, () -> new SymmetricMd(tube(5, 5), new double[5],
                SymmetricForceField.of(LB), MdOptions.defaults()));
        // axial coupling with a force field that gives no dE/dh
        assertThrows(InvalidInputException.class, () -> new SymmetricMd(tube(5, 5), null,
                (s, step) -> new ForceSample(0, new double[6], Double.NaN, null, "no-stress"),
                MdOptions.builder().axial(new MdOptions.Axial(0, 1e5)).build()));
    }
}
