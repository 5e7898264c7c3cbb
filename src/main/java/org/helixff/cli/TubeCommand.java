package org.helixff.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.helixff.Units;
import org.helixff.structure.Nanotube;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code helixff tube N M}: the symmetry numbers and motif of a tube. */
@Command(name = "tube", mixinStandardHelpOptions = true,
        description = "Print the cyclic/helical symmetry, period and 2-atom motif of tube (N,M).")
final class TubeCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "chiral index n (>= 1)")
    int n;

    @Parameters(index = "1", description = "chiral index m (>= 0; m > n gives the mirror image of (m,n))")
    int m;

    @Option(names = "--dcc", description = "carbon-carbon distance of the roll-up in Angstrom (default 1.42)",
            defaultValue = "1.42")
    double dccAngstrom;

    @Option(names = "--json", description = "print JSON to stdout")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Nanotube t = Nanotube.of(n, m, Units.angstromToBohr(dccAngstrom));
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Object> o = describe(t);
        if (json) {
            Json.print(out, o);
        } else {
            out.printf("tube (%d,%d)%s%n", n, m, t.isMirrorImage() ? "  [mirror image of (" + m + "," + n + ")]" : "");
            out.printf("  cyclic order N          %d%n", t.cyclicOrder());
            out.printf("  screw angle alpha       %.10f rad (%.6f deg)%n", t.screwAngle(), Math.toDegrees(t.screwAngle()));
            out.printf("  screw shift h           %.10f Bohr  (%.8f A)%n", t.screwShift(), Units.bohrToAngstrom(t.screwShift()));
            out.printf("  radius                  %.10f Bohr  (%.8f A)%n", t.radius(), Units.bohrToAngstrom(t.radius()));
            out.printf("  diameter                %.6f nm%n", Units.bohrToAngstrom(t.diameter()) / 10);
            out.printf("  period q (screw steps)  %d   (rotation 2 pi s/N with s = %d)%n", t.periodSteps(), t.periodRotation());
            out.printf("  period T                %.10f Bohr  (%.8f A)%n", t.period(), Units.bohrToAngstrom(t.period()));
            out.printf("  atoms per cell 2Nq      %d%n", t.atomsPerCell());
            double[] x = t.motif();
            out.println("  motif (Bohr):");
            for (int a = 0; a < 2; a++) {
                out.printf("    C %16.10f %16.10f %16.10f%n", x[3 * a], x[3 * a + 1], x[3 * a + 2]);
            }
        }
        return 0;
    }

    static Map<String, Object> describe(Nanotube t) {
        Map<String, Object> o = Json.object();
        o.put("n", t.n());
        o.put("m", t.m());
        o.put("mirror_image", t.isMirrorImage());
        if (t.isMirrorImage()) {
            o.put("mirror_of", List.of(t.m(), t.n()));
        }
        o.put("dcc_bohr", t.dcc());
        o.put("dcc_angstrom", Units.bohrToAngstrom(t.dcc()));
        o.put("cyclic_order", t.cyclicOrder());
        o.put("screw_angle_rad", t.screwAngle());
        o.put("screw_shift_bohr", t.screwShift());
        o.put("screw_shift_angstrom", Units.bohrToAngstrom(t.screwShift()));
        o.put("radius_bohr", t.radius());
        o.put("radius_angstrom", Units.bohrToAngstrom(t.radius()));
        o.put("diameter_nm", Units.bohrToAngstrom(t.diameter()) / 10);
        o.put("period_steps_q", t.periodSteps());
        o.put("period_rotation_s", t.periodRotation());
        o.put("period_bohr", t.period());
        o.put("period_angstrom", Units.bohrToAngstrom(t.period()));
        o.put("atoms_per_cell", t.atomsPerCell());
        double[] x = t.motif();
        o.put("motif_bohr", List.of(List.of(x[0], x[1], x[2]), List.of(x[3], x[4], x[5])));
        o.put("motif_angstrom", List.of(
                List.of(Units.bohrToAngstrom(x[0]), Units.bohrToAngstrom(x[1]), Units.bohrToAngstrom(x[2])),
                List.of(Units.bohrToAngstrom(x[3]), Units.bohrToAngstrom(x[4]), Units.bohrToAngstrom(x[5]))));
        return o;
    }
}
