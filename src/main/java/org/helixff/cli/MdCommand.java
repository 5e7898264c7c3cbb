package org.helixff.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.helixff.InvalidInputException;
import org.helixff.Units;
import org.helixff.app.Models;
import org.helixff.calculator.Calculator;
import org.helixff.calculator.UncertaintyCalculator;
import org.helixff.dynamics.MdOptions;
import org.helixff.dynamics.MdResult;
import org.helixff.dynamics.MolecularDynamics;
import org.helixff.dynamics.SymmetricForceField;
import org.helixff.dynamics.SymmetricMd;
import org.helixff.dynamics.Thermostat;
import org.helixff.relax.RelaxationResult;
import org.helixff.relax.Relaxer;
import org.helixff.report.TrajectoryWriter;
import org.helixff.structure.Nanotube;
import org.helixff.symmetry.SymmetricStructure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code helixff md}: symmetry-adapted molecular dynamics of tube (N,M) with a teacher or a model file. */
@Command(name = "md", mixinStandardHelpOptions = true,
        description = {"Symmetry-adapted molecular dynamics of the infinite tube (N,M) (2-atom motif).",
            "Velocity Verlet (NVE) or Langevin BAOAB (NVT), optional axial-stress coupling; extxyz trajectory (an"
                + " interrupted run keeps the frames it finished). Stops with an error when the tube comes apart."})
final class MdCommand implements Callable<Integer> {
    /** Newtons per (Hartree/Bohr). */
    static final double NANONEWTON_PER_HA_PER_BOHR = 82.387234983;

    @Parameters(index = "0", description = "chiral index n (>= 1)")
    int n;

    @Parameters(index = "1", description = "chiral index m (>= 0)")
    int m;

    @Option(names = "--model", defaultValue = "default",
            description = "default (the bundled learned model), tersoff, tersoff-lb or a model file"
                    + " (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--temperature", required = true, description = "temperature in K (initial velocities, thermostat)")
    double temperature;

    @Option(names = "--steps", required = true, description = "MD steps")
    long steps;

    @Option(names = "--dt", defaultValue = "0.5", description = "time step in fs (default: ${DEFAULT-VALUE})")
    double dt;

    @Option(names = "--thermostat", defaultValue = "langevin", description = "langevin (NVT) or none (NVE) (default: ${DEFAULT-VALUE})")
    String thermostat;

    @Option(names = "--friction", defaultValue = "0.01", description = "Langevin friction in 1/fs (default: ${DEFAULT-VALUE})")
    double friction;

    @Option(names = "--seed", defaultValue = "1", description = "random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--out", description = "trajectory file (extxyz)")
    Path out;

    @Option(names = "--every", defaultValue = "10", description = "write every this many steps (default: ${DEFAULT-VALUE})")
    int every;

    @Option(names = "--axial", description = "axial-stress coupling: the screw shift h becomes a dynamical variable")
    boolean axial;

    @Option(names = "--tension", defaultValue = "0", description = "axial tension on the tube in nN with --axial (default: ${DEFAULT-VALUE})")
    double tensionNn;

    @Option(names = "--piston-mass", description = "piston mass in amu with --axial (default: 10 x the motif mass)")
    Double pistonMassAmu;

    @Option(names = "--relax", description = "relax the tube first (motif and, with --axial, h) with the same model")
    boolean relax;

    @Option(names = "--dcc", defaultValue = "1.42", description = "C-C distance of the roll-up in A (default: ${DEFAULT-VALUE})")
    double dcc;

    @Option(names = "--json", description = "print a JSON summary to stdout")
    boolean json;

    @picocli.CommandLine.Mixin
    BackendOptions backend;

    @picocli.CommandLine.Mixin
    ExtrapolationCheck extrapolation;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return backend.run(this::body);
    }

    /** The --steps and --every checks shared by {@code md} and {@code learn}. */
    static void checkRunLength(long steps, int every) {
        if (steps < 0 || steps > 1_000_000_000L) {
            throw new InvalidInputException("--steps " + steps + " must lie in [0, 1e9]");
        }
        if (every < 1) {
            throw new InvalidInputException("--every " + every + " must be >= 1");
        }
    }

    private int body() {
        checkRunLength(steps, every);
        Thermostat th = Thermostat.parse(thermostat);
        Calculator calc = Models.resolve(model, backend.requested());
        Nanotube tube = Nanotube.of(n, m, Units.angstromToBohr(dcc));
        SymmetricStructure start = SymmetricStructure.fromTube(tube);
        MdOptions.Axial ax = null;
        if (axial) {
            double w = pistonMassAmu != null ? pistonMassAmu * Units.ME_PER_AMU
                    : MdOptions.DEFAULT_PISTON_MASS_FACTOR * start.motifSize() * Units.CARBON_MASS;
            ax = new MdOptions.Axial(tensionNn / NANONEWTON_PER_HA_PER_BOHR, w);
        } else if (tensionNn != 0 || pistonMassAmu != null) {
            throw new InvalidInputException("--tension and --piston-mass need --axial");
        }
        MdOptions opt = new MdOptions(dt, temperature, th, friction, seed, ax);
        if (relax) {
            RelaxationResult rr = new Relaxer(calc, Relaxer.Options.builder().freeAxial(axial).build()).relax(start);
            if (!rr.converged()) {
                throw new InvalidInputException("relaxation of the start did not converge: " + rr.status());
            }
            start = rr.structure();
        }
        String label = "tube " + tube;
        var startCheck = extrapolation.precheck(calc, start, label + " (start)");
        SymmetricMd md = new SymmetricMd(start, null, SymmetricForceField.of(calc), opt);
        UncertaintyCalculator unc = MolecularDynamics.uncertaintySource(calc);
        MdResult r;
        long frames = 0;
        if (out != null) {
            try (TrajectoryWriter w = TrajectoryWriter.open(out)) {
                r = MolecularDynamics.run(md, steps, every, w::write, unc, ProgressBar.stderr(spec));
                frames = w.frames();
            }
        } else {
            r = MolecularDynamics.run(md, steps, every, null, null, ProgressBar.stderr(spec));
        }
        PrintWriter o = spec.commandLine().getOut();
        var endCheck = r.last().symmetric().flatMap(f -> ExtrapolationCheck.measure(calc, f));
        var worst = endCheck.isPresent() && (startCheck.isEmpty() || endCheck.get().score() > startCheck.get().score())
                ? endCheck : startCheck;
        extrapolation.report(worst, label + (worst == endCheck ? " (last frame)" : " (start)"), calc,
                spec.commandLine().getErr());
        if (json) {
            Map<String, Object> j = Json.object();
            j.put("n", n);
            j.put("m", m);
            j.put("model", calc.name());
            j.put("thermostat", th.name().toLowerCase(Locale.ROOT));
            j.put("temperature_K", temperature);
            j.put("friction_per_fs", th == Thermostat.LANGEVIN ? friction : null);
            j.put("seed", seed);
            j.put("axial", axial);
            if (axial) {
                j.put("tension_nN", tensionNn);
                j.put("piston_mass_amu", ax.pistonMass() / Units.ME_PER_AMU);
            }
            j.put("relaxed_start", relax);
            j.putAll(r.toMap());
            j.put("trajectory", out == null ? null : out.toString());
            j.put("trajectory_frames", frames);
            ExtrapolationCheck.put(j, worst);
            Json.print(o, j);
        } else {
            o.printf("tube (%d,%d)  model %s  %s at %.1f K  dt %.3f fs  %d steps (%.3f ps)%n", n, m, calc.name(),
                    th == Thermostat.LANGEVIN ? "Langevin NVT (friction " + friction + "/fs)" : "NVE", temperature, dt,
                    steps, steps * dt * 1e-3);
            o.printf("  degrees of freedom      %d  (3 x motif atoms - axial translation - rotation about the axis)%n",
                    r.degreesOfFreedom());
            o.printf("  temperature             mean %.2f K, std %.2f K, final %.2f K%n", r.meanTemperature(),
                    r.temperatureStd(), r.last().temperature());
            o.printf("  mean potential energy   %.10f Ha/atom%n", r.meanPotentialPerAtom());
            o.printf("  conserved energy        drift %.3e Ha/atom (rate %.3e Ha/atom/ps), max deviation %.3e,"
                    + " fluctuation %.3e Ha/atom%n", r.driftPerAtom(), r.driftRatePerAtomPerPs(), r.maxDeviationPerAtom(),
                    r.fluctuationPerAtom());
            if (axial) {
                o.printf("  screw shift h           mean %.6f Bohr, std %.6f Bohr (start %.6f)%n", r.meanScrewShift(),
                        r.screwShiftStd(), start.group().screwShift());
            }
            if (!Double.isNaN(r.maxForceSigmaEpistemic())) {
                o.printf("  max force sigma         %.3e Ha/Bohr (epistemic, over written frames)%n",
                        r.maxForceSigmaEpistemic());
            }
            o.printf("  wall time               %.2f s (%.1f us per step)%n", r.seconds(),
                    steps > 0 ? r.seconds() / steps * 1e6 : 0.0);
            if (out != null) {
                o.printf("  trajectory              %s (%d frames)%n", out, frames);
            }
            o.flush();
        }
        return 0;
    }
}
