package org.helixff.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.helixff.InvalidInputException;
import org.helixff.Units;
import org.helixff.io.ExtXyz;
import org.helixff.io.FileUnits;
import org.helixff.io.Frame;
import org.helixff.io.InfoValue;
import org.helixff.structure.Nanotube;
import org.helixff.structure.Structure;
import org.helixff.symmetry.HelicalGroup;
import org.helixff.symmetry.SymmetricStructure;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code helixff expand N M --cells K --out FILE.extxyz}: the periodic full cell of a tube as extxyz. */
@Command(name = "expand", mixinStandardHelpOptions = true,
        description = {"Write the periodic full cell (K translational periods) of tube (N,M) as extxyz.",
            "Full cells are written in ASE's units (eV, Angstrom) with Lattice, Properties and pbc=\"F F T\"."})
final class ExpandCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "chiral index n (>= 1)")
    int n;

    @Parameters(index = "1", description = "chiral index m (>= 0; m > n gives the mirror image of (m,n))")
    int m;

    @Option(names = "--cells", defaultValue = "1", description = "translational periods along the axis (default 1)")
    int cells;

    @Option(names = "--out", required = true, description = "output extxyz file (written atomically)")
    Path out;

    @Option(names = "--strain", defaultValue = "0", description = "axial strain e: h -> h(1+e) (default 0)")
    double strain;

    @Option(names = "--twist", defaultValue = "0",
            description = "twist per length in rad/Bohr; rounded to the nearest value that keeps the K-period cell periodic")
    double twist;

    @Option(names = "--units", defaultValue = "eV_angstrom",
            description = "file units: eV_angstrom (ASE, default) or hartree_bohr")
    String units;

    @Option(names = "--json", description = "print a JSON summary to stdout")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (cells < 1) {
            throw new InvalidInputException("--cells " + cells + " must be >= 1");
        }
        if (!Double.isFinite(strain) || !Double.isFinite(twist)) {
            throw new InvalidInputException("--strain " + strain + " and --twist " + twist + " must be finite");
        }
        FileUnits fileUnits = FileUnits.fromKey(units);
        if (fileUnits == null) {
            throw new InvalidInputException("--units " + units + " is unknown (use eV_angstrom or hartree_bohr)");
        }
        Nanotube tube = Nanotube.of(n, m);
        long steps = tube.periodSteps() * (long) cells;
        if (steps > Integer.MAX_VALUE) {
            throw new InvalidInputException("--cells " + cells + ": " + steps + " screw steps is too long");
        }
        SymmetricStructure sym = SymmetricStructure.fromTube(tube, strain, 0.0);
        double applied = 0.0;
        long expandCells = cells;
        if (twist != 0.0) {
            HelicalGroup g = sym.group();
            applied = g.commensurateTwist(twist, (int) steps);
            sym = SymmetricStructure.fromTube(tube, strain, applied);
            long q = sym.periodSteps();
            if (steps % q != 0) {
                throw new InvalidInputException("--twist " + twist + ": the rounded twist " + applied
                        + " rad/Bohr has period " + q + " screw steps, which does not divide " + steps);
            }
            expandCells = steps / q;
        }
        Structure cell = sym.expand((int) expandCells);
        Frame frame = Frame.of(cell)
                .withInfo("n", new InfoValue.Int(n))
                .withInfo("m", new InfoValue.Int(m))
                .withInfo("cells", new InfoValue.Int(cells))
                .withInfo("strain", new InfoValue.Real(strain))
                .withInfo("twist_rad_per_bohr", new InfoValue.Real(applied))
                .withInfo("generator", new InfoValue.Text("helixff expand"));
        ExtXyz.write(out, List.of(frame), fileUnits);

        double length = cell.cell(2, 2);
        Map<String, Object> o = Json.object();
        o.put("file", out.toString());
        o.put("units", fileUnits.key());
        o.put("n", n);
        o.put("m", m);
        o.put("cells", cells);
        o.put("atoms", cell.size());
        o.put("strain", strain);
        o.put("twist_requested_rad_per_bohr", twist);
        o.put("twist_applied_rad_per_bohr", applied);
        o.put("screw_steps", steps);
        o.put("length_bohr", length);
        o.put("length_angstrom", Units.bohrToAngstrom(length));
        o.put("lateral_box_angstrom", Units.bohrToAngstrom(cell.cell(0, 0)));
        o.put("diameter_nm", Units.bohrToAngstrom(tube.diameter()) / 10);
        o.put("pbc", List.of(cell.pbc(0), cell.pbc(1), cell.pbc(2)));
        PrintWriter pw = spec.commandLine().getOut();
        if (json) {
            Json.print(pw, o);
        } else {
            pw.printf("wrote %s: tube (%d,%d), %d cell%s, %d atoms, length %.6f A%s%n", out, n, m, cells,
                    cells == 1 ? "" : "s", cell.size(), Units.bohrToAngstrom(length),
                    twist != 0.0 ? String.format(", twist %.6g rad/Bohr (requested %.6g)", applied, twist) : "");
        }
        return 0;
    }
}
