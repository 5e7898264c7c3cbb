package org.helixff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.helixff.Tolerances;
import org.helixff.io.ExtXyz;
import org.helixff.io.Frame;
import org.helixff.io.ModelFile;
import org.helixff.model.KernelModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** label -> train -> test -> energy/demo with a model file, and the bad-input paths of the model commands. */
class TrainTestLabelCommandTest {
    /** Training force RMSE on the small Tersoff set, Ha/Bohr: the fit works, far below the forces themselves (~0.1). */
    private static final double TRAIN_FORCE_RMSE = 5e-3;
    /** An RMSE or energy printed in JSON/extxyz and read back. */
    private static final double PRINTED = 1e-9;
    /** The labelled tube was relaxed: its forces lie far below this, Ha/Bohr. */
    private static final double RELAXED_FORCE = 1e-5;
    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void labelTrainTestAndUseTheModel(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("lb77.extxyz");
        Run l = run("label", "--teacher", "tersoff-lb", "--tube", "7", "7", "--frames", "30", "--cell-frames", "1",
                "--out", data.toString());
        assertEquals(0, l.code(), l.err());
        assertEquals(31, ExtXyz.read(data).size());
        Frame f0 = ExtXyz.read(data).get(0);
        assertTrue(f0.isSymmetric() && f0.forces().isPresent() && f0.energy().isPresent());

        Path model = dir.resolve("m.hxff");
        Run t = run("train", "--data", data.toString(), "--out", model.toString(), "--reference-size", "40", "--nmax",
                "4", "--lmax", "3", "--json");
        assertEquals(0, t.code(), t.err());
        JsonNode j = new ObjectMapper().readTree(t.out());
        assertEquals(40, j.get("report").get("reference_count").asInt());
        assertTrue(j.get("report").get("train_force_rmse_ha_per_bohr").asDouble() < TRAIN_FORCE_RMSE);
        KernelModel km = ModelFile.read(model);
        assertEquals(4, km.soap().nmax());

        Run e = run("test", "--model", model.toString(), "--data", data.toString(), "--json");
        assertEquals(0, e.code(), e.err());
        JsonNode tj = new ObjectMapper().readTree(e.out());
        double trainRmse = j.get("report").get("train_force_rmse_ha_per_bohr").asDouble();
        assertEquals(trainRmse, tj.get("overall").get("force_rmse_ha_per_bohr").asDouble(), PRINTED,
                "test on the training data reproduces the training RMSE");

        Run en = run("energy", "7", "7", "--model", model.toString(), "--json");
        assertEquals(0, en.code(), en.err());
    }

    @Test
    void badModelFilesAndOptionsExitWithOneLine(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.hxff");
        Files.writeString(bad, "HELIXFF-MODEL 1\ngarbage");
        Run r = run("energy", "10", "10", "--model", bad.toString());
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("corrupt") || r.err().contains("truncated"), r.err());

        Run missing = run("test", "--model", dir.resolve("nope.hxff").toString(), "--data", "dataset:gpaw-cnt");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("nope.hxff"), missing.err());

        Path out = dir.resolve("never.hxff");
        Run noData = run("train", "--data", dir.resolve("absent.extxyz").toString(), "--out", out.toString());
        assertEquals(2, noData.code());
        assertFalse(Files.exists(out));
        try (Stream<Path> s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary files left");
        }
        Run badSet = run("train", "--data", "dataset:nothing", "--out", out.toString());
        assertEquals(2, badSet.code());
        assertTrue(badSet.err().contains("nothing"), badSet.err());
        Run badFrames = run("label", "--tube", "7", "7", "--frames", "0", "--out", out.toString());
        assertEquals(2, badFrames.code());
        Run thin = run("label", "--tube", "2", "0", "--frames", "3", "--out", out.toString());
        assertEquals(2, thin.code());
        // a weight for a group the data lack (a misspelt name would otherwise be ignored), and one not a number
        Run badGroup = run("train", "--data", "dataset:gpaw-cnt", "--group-weight", "SPRAC=0.1", "--out",
                out.toString());
        assertEquals(2, badGroup.code());
        assertTrue(badGroup.err().contains("'SPRAC'") && badGroup.err().strip().lines().count() == 1, badGroup.err());
        Run badWeight = run("cv", "--data", "dataset:gpaw-cnt", "--group-weight", "GPAW=much");
        assertEquals(2, badWeight.code());
        assertTrue(badWeight.err().contains("GPAW=much"), badWeight.err());
        for (String floor : new String[] {"-1", "1", "Infinity"}) {
            Run badFloor = run("cv", "--data", "dataset:gpaw-cnt", "--lambda-floor", floor);
            assertEquals(2, badFloor.code(), floor);
            assertTrue(badFloor.err().contains("--lambda-floor") && badFloor.err().strip().lines().count() == 1,
                    badFloor.err());
        }
        assertFalse(Files.exists(out));
    }

    @Test
    void relaxWritesTheRelaxedTube(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("r.extxyz");
        Run r = run("relax", "10", "5", "--model", "tersoff-lb", "--free-axial", "--out", f.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        Frame fr = ExtXyz.read(f).get(0);
        assertTrue(fr.isSymmetric());
        assertEquals(j.get("energy_per_atom_ha").asDouble(), fr.energyPerAtom().getAsDouble(), PRINTED);
        assertEquals(j.get("screw_shift_bohr").asDouble(),
                fr.symmetric().get().group().screwShift(), Tolerances.ROUND_OFF);
        assertTrue(fr.maxForceNorm().getAsDouble() < RELAXED_FORCE);
        Path never = dir.resolve("never.extxyz");
        Run capped = run("relax", "10", "5", "--model", "tersoff-lb", "--max-iter", "1", "--out", never.toString());
        assertEquals(2, capped.code());
        assertFalse(Files.exists(never), "a relaxation that did not converge writes nothing");
    }

    @Test
    void demoWritesTheFilesAndASummary(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("demo");
        Run r = run("demo", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("radial breathing mode"), r.out());
        assertTrue(r.out().contains("model uncertainty"), r.out());
        for (String f : new String[] {"band.yaml", "dispersion.csv", "dos.csv", "dispersion_helical.png",
            "dispersion_linear.png", "dos.png", "summary.json"}) {
            assertTrue(Files.size(out.resolve(f)) > 100, f);
        }
        JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        double rbm = s.get("rbm").get("frequency_cm1").asDouble();
        assertTrue(rbm > 150 && rbm < 190, "RBM of (10,10) " + rbm);
        assertTrue(s.get("model_uncertainty").get("max_force_sigma_ha_per_bohr").asDouble() > 0);
    }
}
