import java.nio.file.Path;
import java.util.*;
import org.helixff.app.Models;
import org.helixff.calculator.*;
import org.helixff.io.*;
import org.helixff.phonon.*;
import org.helixff.structure.*;
import org.helixff.symmetry.*;
import org.helixff.training.*;

public class Delta {
    static Calculator sum(Calculator a, Calculator b) {
        return new Calculator() {
            public String name() { return a.name() + "+" + b.name(); }
            public double cutoff() { return Math.max(a.cutoff(), b.cutoff()); }
            public SymmetricResult compute(SymmetricStructure s) {
                SymmetricResult x = a.compute(s), y = b.compute(s);
                return new SymmetricResult(x.energyPerMotif() + y.energyPerMotif(), add(x.siteEnergies(), y.siteEnergies()),
                        add(x.forces(), y.forces()), x.dEdh() + y.dEdh(), x.dEdalpha() + y.dEdalpha());
            }
            public CellResult compute(Structure s) {
                CellResult x = a.compute(s), y = b.compute(s);
                return new CellResult(x.energy() + y.energy(), add(x.siteEnergies(), y.siteEnergies()),
                        add(x.forces(), y.forces()), add(x.virial(), y.virial()));
            }
        };
    }
    static double[] add(double[] p, double[] q) {
        if (p == null || q == null) return p == null ? q : p;
        double[] r = p.clone(); for (int i = 0; i < r.length; i++) r[i] += q[i]; return r;
    }
    public static void main(String[] a) throws Exception {
        Calculator t = Models.resolve("tersoff-lb");
        if (a[0].equals("make")) {
            List<Frame> out = new ArrayList<>();
            for (int i = 2; i < a.length; i++) {
                for (TrainingFrame f : TrainingFrames.load(List.of(a[i]), null)) {
                    double e; double[] F;
                    if (f.isSymmetric()) { SymmetricResult r = t.compute(f.symmetricStructure()); e = r.energyPerAtom(); F = r.forces(); }
                    else { CellResult r = t.compute(f.cellStructure()); e = r.energyPerAtom(); F = r.forces(); }
                    double[] d = f.forces().clone(); for (int k = 0; k < d.length; k++) d[k] -= F[k];
                    TrainingFrame n = f.isSymmetric()
                        ? TrainingFrame.symmetric(f.symmetricStructure(), f.energyPerAtom() - e, d, Double.NaN, f.group(), f.name())
                        : TrainingFrame.cell(f.cellStructure(), f.energyPerAtom() - e, d, f.group(), f.name());
                    out.add(TrainingFrames.toFrame(n));
                }
            }
            ExtXyz.write(Path.of(a[1]), out);
            System.err.println(out.size() + " frames");
        } else {
            Calculator c = sum(t, Models.resolve(a[1]));
            int n = Integer.parseInt(a[2]), m = Integer.parseInt(a[3]);
            TubePhonons.Options opt = TubePhonons.Options.builder().relax(true).freeAxial(true).build();
            TubePhononResult r = TubePhonons.run(c, SymmetricStructure.fromTube(Nanotube.of(n, m)), opt, org.helixff.Progress.NONE);
            double[] f = r.gamma().sortedFrequencies();
            StringBuilder sb = new StringBuilder();
            for (double x : f) sb.append(x).append('\n');
            java.nio.file.Files.writeString(Path.of(a[4]), sb.toString());
            System.out.println("rbm " + r.rbm());
        }
    }
}
