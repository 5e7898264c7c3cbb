package org.helixff.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import org.helixff.Units;
import org.helixff.app.Models;
import org.helixff.calculator.Calculator;
import org.helixff.calculator.SymmetricResult;
import org.helixff.compute.Backend;
import org.helixff.io.ExtXyz;
import org.helixff.io.Frame;
import org.helixff.io.InfoValue;
import org.helixff.relax.RelaxationResult;
import org.helixff.relax.Relaxer;
import org.helixff.report.TubeEnergyJson;
import org.helixff.structure.Nanotube;
import org.helixff.symmetry.SymmetricStructure;
import org.helixff.training.TrainingFrames;

/**
 * The work behind {@code energy} and {@code relax}: build the tube, optionally relax it, print energy,
 * residuals and geometry. A relaxation that does not converge prints its numbers, then one warning line
 * on stderr, and exits with {@link Main#EXIT_USAGE}.
 */
final class TubeEnergy {
    private TubeEnergy() {
    }

    static int run(TubeEnergyOptions o, Backend backend, boolean relax, PrintWriter out, PrintWriter err) {
        return run(o, backend, relax, null, out, err);
    }

    /** As above; with {@code file} != null a converged structure is written there as a symmetric extxyz frame. */
    static int run(TubeEnergyOptions o, Backend backend, boolean relax, java.nio.file.Path file, PrintWriter out,
            PrintWriter err) {
        if (o.n == null || o.m == null) {
            throw new org.helixff.InvalidInputException("need the chiral indices N M");
        }
        Calculator calc = Models.resolve(o.model, backend);
        Nanotube tube = Nanotube.of(o.n, o.m, Units.angstromToBohr(o.rollUp.dccAngstrom));
        SymmetricStructure s = SymmetricStructure.fromTube(tube);
        String label = "tube " + tube;
        o.extrapolation.precheck(calc, s, label);
        SymmetricStructure fin;
        double ePerMotif;
        double maxForce;
        double dEdh;
        double dEdalpha;
        RelaxationResult rr = null;
        if (relax) {
            Relaxer.Options opt = Relaxer.Options.builder().forceTolerance(o.rollUp.tolerance)
                    .maxIterations(o.rollUp.maxIterations).freeAxial(o.freeAxial).freeTwist(o.freeTwist).build();
            rr = new Relaxer(calc, opt).relax(s);
            fin = rr.structure();
            ePerMotif = rr.energyPerMotif();
            maxForce = rr.maxForce();
            dEdh = rr.dEdh();
            dEdalpha = rr.dEdalpha();
        } else {
            SymmetricResult r = calc.compute(s);
            fin = s;
            ePerMotif = r.energyPerMotif();
            maxForce = r.maxForce();
            dEdh = r.dEdh();
            dEdalpha = r.dEdalpha();
        }
        double ePerAtom = ePerMotif / fin.motifSize();
        var extrapolation = ExtrapolationCheck.measure(calc, fin);
        o.extrapolation.report(extrapolation, label, calc, err);
        double radius = fin.meanRadius();
        double diameterNm = Units.bohrToAngstrom(2 * radius) / 10;
        if (o.json) {
            Map<String, Object> j = TubeEnergyJson.toMap(new TubeEnergyJson.TubeEnergy(o.n, o.m, calc.name(), fin,
                    ePerMotif, maxForce, dEdh, dEdalpha, o.freeAxial, o.freeTwist, rr));
            ExtrapolationCheck.put(j, extrapolation);
            Json.print(out, j);
        } else {
            String how = !relax ? "ideal roll-up, not relaxed"
                    : (rr.converged() ? "relaxed" : "relaxation NOT converged") + (o.freeAxial ? ", free axial period" : "")
                    + (o.freeTwist ? ", free twist" : "");
            out.printf("tube (%d,%d)  model %s  (%s)%n", o.n, o.m, calc.name(), how);
            out.printf("  energy per atom        %.10f Ha   (%.6f eV)%n", ePerAtom,
                    Units.hartreeToEv(ePerAtom));
            out.printf("  max force              %.3e Ha/Bohr   (%.3e eV/A)%n", maxForce,
                    maxForce * Units.EV_PER_A_PER_HA_PER_BOHR);
            out.printf("  dE/dh per motif        %.3e Ha/Bohr%n", dEdh);
            out.printf("  dE/dalpha per motif    %.3e Ha/rad   (/ radius: %.3e Ha/Bohr)%n", dEdalpha,
                    dEdalpha / radius);
            out.printf("  diameter               %.6f nm%n", diameterNm);
            out.printf("  screw shift h          %.10f Bohr%n", fin.group().screwShift());
            out.printf("  screw angle alpha      %.10f rad%n", fin.group().screwAngle());
            out.printf("  iterations             %d%s%n", rr == null ? 0 : rr.iterations(),
                    rr == null ? "" : (rr.converged() ? "  (converged, tolerance " + o.rollUp.tolerance + " Ha/Bohr)"
                            : "  (NOT converged)"));
            out.flush();
        }
        if (file != null && (rr == null || rr.converged())) {
            SymmetricResult fr = calc.compute(fin);
            Frame frame = Frame.of(fin).withEnergy(fr.energyPerMotif()).withForces(fr.forces())
                    .withInfo("model", new InfoValue.Text(calc.name()))
                    .withInfo("n", new InfoValue.Int(o.n)).withInfo("m", new InfoValue.Int(o.m))
                    .withInfo(TrainingFrames.DEDH_KEY, new InfoValue.Real(fr.dEdh()));
            ExtXyz.write(file, List.of(frame));
        }
        if (rr != null && !rr.converged()) {
            err.println("helixff: warning: relaxation did not converge: " + Main.oneLine(rr.status()));
            err.flush();
            return Main.EXIT_USAGE;
        }
        return 0;
    }
}
