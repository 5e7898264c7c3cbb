package org.helixff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.helixff.Tolerances;
import org.helixff.backend.Backends;
import org.helixff.compute.Backend;
import org.helixff.compute.CudaTestSupport;
import org.helixff.compute.cuda.CudaRuntime;
import org.junit.jupiter.api.Test;

/** {@code helixff backend} and the {@code --backend} option of the model-evaluating commands. */
class BackendCommandTest {
    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.run(args, new PrintWriter(o), new PrintWriter(e));
        return new Run(code, o.toString(), e.toString());
    }

    @Test
    void reportAsJson() throws Exception {
        Run r = run("backend", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        boolean available = CudaRuntime.probe().available();
        assertEquals(available, j.get("cuda_available").asBoolean());
        assertEquals("auto", j.get("requested").asText());
        assertEquals(available ? "cuda" : "cpu", j.get("resolved").asText());
        assertEquals("12.6.0", j.get("details").get("jcuda_version").asText());
        assertEquals("compute_75", j.get("details").get("ptx").get("target").asText());
        if (!available) {
            assertEquals(CudaRuntime.probe().reason(), j.get("reason").asText());
            assertTrue(j.get("fix").asText().contains("--backend cpu"));
        }
    }

    @Test
    void reportAsTextWithCpuRequested() {
        Run r = run("backend", "--backend", "cpu");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("backend: requested cpu, runs on cpu"), r.out());
        assertTrue(r.out().contains("jcuda_version: 12.6.0"), r.out());
        assertEquals(null, backendAfterwards(), "the command's choice does not outlive it");
    }

    private static Backend backendAfterwards() {
        return Backends.requested() == Backend.AUTO ? null : Backends.requested();
    }

    @Test
    void forcingCudaWithoutAGpuPrintsOneLineAndExitsTwo() {
        CudaTestSupport.assumeNoCuda();
        for (String[] args : new String[][] {{"energy", "6", "6", "--model", "tersoff", "--backend", "cuda"},
            {"relax", "6", "0", "--backend", "cuda"}, {"backend", "--backend", "CUDA"}, {"backend", "--check"}}) {
            Run r = run(args);
            assertEquals(Main.EXIT_USAGE, r.code(), String.join(" ", args));
            assertEquals("", r.out(), "nothing computed");
            String err = r.err().strip();
            assertEquals(1, err.lines().count(), "one line: " + err);
            assertTrue(err.startsWith("helixff: error: CUDA backend unavailable: " + CudaRuntime.probe().reason()), err);
            assertTrue(err.contains("fix: ") && err.contains("--backend cpu"), err);
        }
        assertEquals(null, backendAfterwards());
    }

    @Test
    void cpuAndUnknownBackends() throws Exception {
        Run ok = run("energy", "6", "6", "--model", "tersoff", "--backend", "cpu", "--json");
        assertEquals(0, ok.code(), ok.err());
        Run plain = run("energy", "6", "6", "--model", "tersoff", "--json");
        JsonNode a = new ObjectMapper().readTree(ok.out());
        JsonNode b = new ObjectMapper().readTree(plain.out());
        assertEquals(b.get("energy_per_atom_ha").asDouble(), a.get("energy_per_atom_ha").asDouble(), Tolerances.EXACT,
                "the backend flag does not change a teacher's numbers");
        Run bad = run("energy", "6", "6", "--backend", "opencl");
        assertEquals(Main.EXIT_USAGE, bad.code());
        assertEquals("helixff: error: unknown backend 'opencl' (use auto, cpu or cuda)", bad.err().strip());
    }
}
