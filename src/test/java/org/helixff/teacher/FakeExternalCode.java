package org.helixff.teacher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.helixff.calculator.Calculator;
import org.helixff.calculator.CellResult;
import org.helixff.io.ExtXyz;
import org.helixff.io.FileUnits;
import org.helixff.io.Frame;
import org.helixff.io.InfoValue;
import org.helixff.structure.Structure;

/**
 * A stand-in for an external simulation code, run as a separate process by the tests: reads a full cell
 * from extxyz, labels it with a Tersoff variant through the full-cell path (energy, forces, virial) and
 * writes extxyz in eV/Angstrom, as an ASE-based code would.
 *
 * <pre>
 * java -cp CLASSPATH org.helixff.teacher.FakeExternalCode IN OUT [--model tersoff-lb] [--no-virial]
 *      [--wrap] [--swap] [--kick DELTA] [--fail-after K COUNTER_FILE] [--hang-after K COUNTER_FILE]
 * </pre>
 * {@code --wrap} moves every atom by whole lattice vectors along z (as codes that wrap positions do);
 * {@code --swap} exchanges the first two atoms (a code that reorders atoms); {@code --kick} adds DELTA Ha/Bohr
 * to the x force of atom 0 only (breaks the symmetry); {@code --fail-after} exits with status 5 and a message
 * on stderr once K calls have been counted in COUNTER_FILE; {@code --hang-after K COUNTER_FILE} instead hangs
 * (sleeps ten minutes) once K calls have been counted, after writing its process id to COUNTER_FILE.hanging.
 */
public final class FakeExternalCode {
    private FakeExternalCode() {
    }

    public static void main(String[] args) throws IOException {
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        String model = "tersoff-lb";
        boolean virial = true;
        boolean wrap = false;
        boolean swap = false;
        double kick = 0;
        for (int i = 2; i < args.length; i++) {
            switch (args[i]) {
                case "--model" -> model = args[++i];
                case "--no-virial" -> virial = false;
                case "--wrap" -> wrap = true;
                case "--swap" -> swap = true;
                case "--kick" -> kick = Double.parseDouble(args[++i]);
                case "--fail-after" -> {
                    int k = Integer.parseInt(args[++i]);
                    Path counter = Path.of(args[++i]);
                    int done = Files.exists(counter) ? Integer.parseInt(Files.readString(counter).trim()) : 0;
                    if (done >= k) {
                        System.err.println("fake code: SCF did not converge (simulated failure after " + k + " calls)");
                        System.exit(5);
                    }
                    Files.writeString(counter, Integer.toString(done + 1));
                }
                case "--hang-after" -> {
                    int k = Integer.parseInt(args[++i]);
                    Path counter = Path.of(args[++i]);
                    int done = Files.exists(counter) ? Integer.parseInt(Files.readString(counter).trim()) : 0;
                    if (done >= k) {
                        Files.writeString(Path.of(counter + ".hanging"), Long.toString(ProcessHandle.current().pid()));
                        try {
                            Thread.sleep(600_000);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        System.exit(6);
                    }
                    Files.writeString(counter, Integer.toString(done + 1));
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<Frame> frames = ExtXyz.read(in);
        Structure s = frames.get(0).cell().orElseThrow();
        Calculator calc = Teachers.byName(model);
        CellResult r = calc.compute(s);
        double[] pos = s.positions();
        double[] f = r.forces();
        if (wrap) {
            double lz = s.cell(2, 2);
            for (int i = 0; i < s.size(); i++) {
                pos[3 * i + 2] += lz * (i % 3 - 1);
            }
        }
        if (swap) {
            for (int c = 0; c < 3; c++) {
                double t = pos[c];
                pos[c] = pos[3 + c];
                pos[3 + c] = t;
                t = f[c];
                f[c] = f[3 + c];
                f[3 + c] = t;
            }
        }
        f[0] += kick;
        Frame o = Frame.of(s.withPositions(pos)).withEnergy(r.energy()).withForces(f)
                .withInfo("code", new InfoValue.Text("fake"));
        if (virial) {
            o = o.withInfo("virial", new InfoValue.Reals(r.virial()));
        }
        ExtXyz.write(out, List.of(o), FileUnits.EV_ANGSTROM);
    }

    /** The command line that runs this program with the test JVM, followed by {@code {in} {out}} and the options. */
    public static String command(String options) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return "'" + java + "' -Xshare:auto -XX:TieredStopAtLevel=1 -cp '" + System.getProperty("java.class.path")
                + "' " + FakeExternalCode.class.getName() + " {in} {out} " + options;
    }
}
