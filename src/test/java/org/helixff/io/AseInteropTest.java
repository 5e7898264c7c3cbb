package org.helixff.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.helixff.Tolerances;
import org.helixff.Units;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs ASE's own extxyz reader and writer (Python, {@code import ase}) against ours. Skipped when no
 * Python with ASE is found ({@code python3}, {@code /usr/bin/python3}, {@code python}); on Debian
 * {@code apt-get install python3-ase} provides it (tested with ASE 3.22.1).
 */
class AseInteropTest {
    /** A coordinate written by ASE in Angstrom and converted to Bohr. */
    private static final double ANGSTROM_TO_BOHR = 1e-9;
    /** Numbers cross the file with 10 printed decimals (Angstrom, eV) or 11 significant digits (forces). */
    private static final double FILE_ROUND = 1e-9;

    private static String python;

    @BeforeAll
    static void findPython() {
        for (String p : List.of("python3", "/usr/bin/python3", "python")) {
            try {
                Process pr = new ProcessBuilder(p, "-c", "import ase, ase.io").redirectErrorStream(true).start();
                pr.getInputStream().readAllBytes();
                if (pr.waitFor(60, TimeUnit.SECONDS) && pr.exitValue() == 0) {
                    python = p;
                    return;
                }
                pr.destroyForcibly();
            } catch (IOException | InterruptedException e) {
                // not this one
            }
        }
    }

    private static JsonNode runPython(String script, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(python, "-c", script));
        cmd.addAll(List.of(args));
        Process pr = new ProcessBuilder(cmd).redirectErrorStream(false).start();
        byte[] out = pr.getInputStream().readAllBytes();
        byte[] err = pr.getErrorStream().readAllBytes();
        assertTrue(pr.waitFor(120, TimeUnit.SECONDS), "python timed out");
        assertEquals(0, pr.exitValue(), "python failed: " + new String(err, StandardCharsets.UTF_8));
        return new ObjectMapper().readTree(out);
    }

    private static final String READ_SCRIPT = String.join("\n",
            "import sys, json, numpy as np",
            "import ase.io",
            "out = []",
            "for a in ase.io.read(sys.argv[1], index=':', format='extxyz'):",
            "    r = a.calc.results if a.calc is not None else {}",
            "    info = {k: (v.tolist() if hasattr(v, 'tolist') else v) for k, v in a.info.items()}",
            "    out.append(dict(symbols=a.get_chemical_symbols(), cell=a.cell.array.tolist(), pbc=[bool(x) for x in a.pbc],",
            "        positions=a.positions.tolist(), energy=float(r['energy']) if 'energy' in r else None,",
            "        free_energy=float(r['free_energy']) if 'free_energy' in r else None,",
            "        forces=np.asarray(r['forces']).tolist() if 'forces' in r else None,",
            "        arrays=sorted(a.arrays.keys()), info=info))",
            "print(json.dumps(out))");

    @Test
    void aseReadsOurFilesNatively(@TempDir Path dir) throws Exception {
        assumeTrue(python != null, "no Python with ASE");
        Frame cell = ExtXyzTest.richCell(21);
        Frame sym = ExtXyzTest.richSymmetric(10, 5, 22);
        Path p = dir.resolve("ours.extxyz");
        ExtXyz.write(p, List.of(cell, sym));
        JsonNode frames = runPython(READ_SCRIPT, p.toString());
        assertEquals(2, frames.size());

        JsonNode a = frames.get(0);
        double[] x = cell.positions();
        double[] f = cell.forces().orElseThrow();
        double[] c = cell.cell().orElseThrow().cell();
        assertEquals(cell.atoms(), a.get("positions").size());
        for (int i = 0; i < cell.atoms(); i++) {
            for (int d = 0; d < 3; d++) {
                assertEquals(x[3 * i + d] * Units.ANGSTROM_PER_BOHR, a.get("positions").get(i).get(d).asDouble(), FILE_ROUND);
                double fe = f[3 * i + d] * Units.EV_PER_A_PER_HA_PER_BOHR;
                assertEquals(fe, a.get("forces").get(i).get(d).asDouble(), FILE_ROUND * Math.max(1, Math.abs(fe)));
            }
        }
        for (int v = 0; v < 3; v++) {
            for (int d = 0; d < 3; d++) {
                assertEquals(c[3 * v + d] * Units.ANGSTROM_PER_BOHR, a.get("cell").get(v).get(d).asDouble(), FILE_ROUND,
                        "ASE's cell rows are our lattice vectors");
            }
        }
        assertEquals("[false,false,true]", a.get("pbc").toString());
        assertEquals(cell.energy().getAsDouble() * Units.EV_PER_HARTREE, a.get("energy").asDouble(), FILE_ROUND);
        assertEquals(cell.freeEnergy().getAsDouble() * Units.EV_PER_HARTREE, a.get("free_energy").asDouble(), FILE_ROUND);
        assertEquals("helix test \"quoted\" \\ back", a.get("info").get("code").asText(), "quotes and backslash escaped");
        assertEquals("[1,5,12]", a.get("info").get("grid").toString());
        assertEquals("[true,false,true]", a.get("info").get("mask").toString());
        assertTrue(a.get("info").get("flag").asBoolean());
        assertEquals("eV_angstrom", a.get("info").get("units").asText());
        assertTrue(a.get("arrays").toString().contains("tags"));

        JsonNode b = frames.get(1);
        assertEquals("[false,false,false]", b.get("pbc").toString());
        assertEquals(sym.energy().getAsDouble(), b.get("energy").asDouble(), FILE_ROUND, "symmetric frames stay in Hartree");
        assertEquals(5, b.get("info").get("cyclic_order").asInt());
        assertEquals(sym.symmetric().orElseThrow().group().screwAngle(), b.get("info").get("screw_angle_rad").asDouble(), Tolerances.EXACT);
        assertEquals(sym.positions()[0], b.get("positions").get(0).get(0).asDouble(), FILE_ROUND);
        assertEquals(sym.forces().orElseThrow()[5], b.get("forces").get(1).get(2).asDouble(), FILE_ROUND);
    }

    private static final String WRITE_SCRIPT = String.join("\n",
            "import sys, numpy as np",
            "import ase.io",
            "from ase import Atoms",
            "from ase.calculators.singlepoint import SinglePointCalculator",
            "a = Atoms('C3O', positions=[[0.1, 0.2, 0.3], [1.1, 0.2, 0.3], [0.1, 1.2, 0.3], [0.5, 0.5, 1.9]],",
            "          cell=[[5.0, 0.0, 0.0], [0.5, 6.0, 0.0], [0.0, 0.0, 2.5]], pbc=[True, True, True])",
            "a.info['note'] = 'two words'",
            "a.info['count'] = 3",
            "a.info['ratio'] = 0.25",
            "a.info['ok'] = True",
            "a.info['vec'] = np.array([1.5, 2.5, 3.5])",
            "a.set_array('tags', np.array([0, 1, 2, 3]))",
            "a.set_initial_charges([0.1, 0.0, -0.1, 0.0])",
            "a.calc = SinglePointCalculator(a, energy=-12.5, free_energy=-12.75,",
            "    forces=[[0.1, -0.2, 0.3], [0.0, 0.0, 0.5], [-0.1, 0.2, -0.8], [0.0, 0.0, 0.0]])",
            "ase.io.write(sys.argv[1], [a, a], format='extxyz')",
            "print('{}')");

    @Test
    void weReadFilesAseWrote(@TempDir Path dir) throws Exception {
        assumeTrue(python != null, "no Python with ASE");
        Path p = dir.resolve("ase.extxyz");
        runPython(WRITE_SCRIPT, p.toString());
        List<Frame> frames = ExtXyz.read(p);
        assertEquals(2, frames.size(), Files.readString(p));
        Frame f = frames.get(0);
        assertFalse(f.isSymmetric());
        assertArrayEquals(new String[] {"C", "C", "C", "O"}, f.species());
        assertEquals(1.1 / Units.ANGSTROM_PER_BOHR, f.positions()[3], ANGSTROM_TO_BOHR);
        assertEquals(0.5 / Units.ANGSTROM_PER_BOHR, f.cell().orElseThrow().cell(1, 0), ANGSTROM_TO_BOHR, "ASE writes rows a, b, c");
        assertEquals(-12.5 / Units.EV_PER_HARTREE, f.energy().getAsDouble(), Tolerances.ROUND_OFF);
        assertEquals(-12.75 / Units.EV_PER_HARTREE, f.freeEnergy().getAsDouble(), Tolerances.ROUND_OFF);
        assertEquals(-0.8 / Units.EV_PER_A_PER_HA_PER_BOHR, f.forces().orElseThrow()[8], Tolerances.ROUND_OFF);
        assertEquals(new InfoValue.Text("two words"), f.info().get("note"));
        assertEquals(new InfoValue.Int(3), f.info().get("count"));
        assertEquals(new InfoValue.Real(0.25), f.info().get("ratio"));
        assertEquals(new InfoValue.Bool(true), f.info().get("ok"));
        assertEquals(new InfoValue.Reals(new double[] {1.5, 2.5, 3.5}), f.info().get("vec"));
        assertTrue(f.columns().stream().anyMatch(c -> c.name().equals("tags")), "extra columns kept: " + f.columns());
        assertTrue(f.columns().stream().anyMatch(c -> c.name().equals("initial_charges")), "extra columns kept: " + f.columns());
    }
}
