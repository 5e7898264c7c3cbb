package org.helixff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.helixff.Units;
import org.helixff.calculator.SymmetricResult;
import org.helixff.relax.RelaxationResult;
import org.helixff.relax.Relaxer;
import org.helixff.structure.Nanotube;
import org.helixff.symmetry.SymmetricStructure;
import org.helixff.teacher.Teachers;
import org.junit.jupiter.api.Test;

class EnergyCommandTest {
    /** JSON carries doubles in full (shortest round-trip representation): the same numbers as the library's. */
    private static final double JSON_TOL = 0.0;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.run(args, new PrintWriter(o), new PrintWriter(e));
        return new Run(code, o.toString(), e.toString());
    }

    @Test
    void energyJsonEqualsTheLibrary() throws Exception {
        Run r = run("energy", "12", "0", "--model", "tersoff", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        SymmetricResult lib = Teachers.byName("tersoff").compute(SymmetricStructure.fromTube(Nanotube.of(12, 0)));
        assertEquals(lib.energyPerAtom(), j.get("energy_per_atom_ha").asDouble(), JSON_TOL);
        assertEquals(Units.hartreeToEv(lib.energyPerAtom()), j.get("energy_per_atom_ev").asDouble(), JSON_TOL);
        assertEquals(lib.maxForce(), j.get("max_force_ha_per_bohr").asDouble(), JSON_TOL);
        assertEquals(lib.dEdh(), j.get("dE_dh_ha_per_bohr").asDouble(), JSON_TOL);
        assertEquals(lib.dEdalpha(), j.get("dE_dalpha_ha_per_rad").asDouble(), JSON_TOL);
        assertEquals(0, j.get("iterations").asInt());
        assertEquals("tersoff", j.get("model").asText());
    }

    @Test
    void relaxMatchesTheLibrary() throws Exception {
        Run r = run("relax", "10", "10", "--model", "tersoff-lb", "--free-axial", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("tersoff-lb", j.get("model").asText());
        RelaxationResult lib = new Relaxer(Teachers.byName("tersoff-lb"),
                Relaxer.Options.builder().freeAxial(true).build())
                .relax(SymmetricStructure.fromTube(Nanotube.of(10, 10)));
        assertEquals(lib.energyPerAtom(), j.get("energy_per_atom_ha").asDouble(), JSON_TOL);
        assertEquals(Units.bohrToAngstrom(lib.diameter()) / 10, j.get("diameter_nm").asDouble(), JSON_TOL);
        assertEquals(lib.iterations(), j.get("iterations").asInt());
        assertTrue(j.get("converged").asBoolean());
        assertTrue(j.get("free_axial").asBoolean() && !j.get("free_twist").asBoolean());
        Run same = run("energy", "10", "10", "--model", "tersoff-lb", "--relax", "--free-axial", "--json");
        assertEquals(r.out(), same.out(), "relax N M prints what energy --relax prints");
    }

    @Test
    void textOutputNamesEveryQuantity() {
        Run r = run("energy", "7", "7", "--model", "tersoff-lb", "--relax");
        assertEquals(0, r.code(), r.err());
        for (String key : new String[] {"energy per atom", " Ha ", " eV)", "max force", "dE/dh", "dE/dalpha", "diameter",
            "iterations", "converged"}) {
            assertTrue(r.out().contains(key), "missing '" + key + "' in:\n" + r.out());
        }
    }

    @Test
    void badInputExitsTwoWithOneLine() {
        Run unknown = run("energy", "10", "10", "--model", "lennard-jones");
        assertEquals(Main.EXIT_USAGE, unknown.code());
        assertEquals(1, unknown.err().strip().lines().count(), unknown.err());
        assertTrue(unknown.err().contains("lennard-jones") && unknown.err().contains("tersoff-lb"), unknown.err());
        Run impossible = run("relax", "0", "0");
        assertEquals(Main.EXIT_USAGE, impossible.code());
        assertTrue(impossible.err().startsWith("helixff: error:"), impossible.err());
        Run thin = run("energy", "1", "0");
        assertEquals(Main.EXIT_USAGE, thin.code());
        Run freeWithoutRelax = run("energy", "10", "10", "--free-axial");
        assertEquals(Main.EXIT_USAGE, freeWithoutRelax.code());
        Run badTol = run("relax", "10", "10", "--tol", "-1");
        assertEquals(Main.EXIT_USAGE, badTol.code());
        assertTrue(badTol.err().contains("tolerance"), badTol.err());
    }

    @Test
    void nonConvergedRelaxationWarnsAndExitsTwo() {
        Run r = run("relax", "10", "10", "--free-axial", "--max-iter", "1");
        assertEquals(Main.EXIT_USAGE, r.code());
        assertTrue(r.out().contains("NOT converged"), r.out());
        assertTrue(r.err().startsWith("helixff: warning: relaxation did not converge"), r.err());
    }
}
