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
import java.util.List;
import org.helixff.Progress;
import org.helixff.backend.Backends;
import org.helixff.io.ExtXyz;
import org.helixff.io.Frame;
import org.helixff.io.ModelFile;
import org.helixff.model.KernelModel;
import org.helixff.structure.Nanotube;
import org.helixff.symmetry.SymmetricStructure;
import org.helixff.teacher.FakeExternalCode;
import org.helixff.teacher.Teachers;
import org.helixff.training.TeacherData;
import org.helixff.training.Trainer;
import org.helixff.training.TrainingOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MdLearnCommandTest {
    /** Largest total-energy deviation per atom of a 400-step velocity-Verlet run at 0.5 fs without thermostat, Ha/atom. */
    private static final double NVE_ENERGY_DRIFT = 1e-5;
    /** The same labels after a resume: energies read back from the same extxyz decimals, Ha. */
    private static final double SAME_FRAME_ENERGY = 1e-9;
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.run(args, new PrintWriter(o), new PrintWriter(e));
        return new Run(code, o.toString(), e.toString());
    }

    @Test
    void mdWritesATrajectoryAndReportsConservation(@TempDir Path dir) throws Exception {
        Path traj = dir.resolve("traj.extxyz");
        Run r = run("md", "10", "10", "--model", "tersoff-lb", "--temperature", "300", "--steps", "400",
                "--thermostat", "none", "--out", traj.toString(), "--every", "50", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = JSON.readTree(r.out());
        assertEquals(4, j.get("degrees_of_freedom").asInt());
        assertEquals("none", j.get("thermostat").asText());
        assertTrue(j.get("energy_max_deviation_per_atom_ha").asDouble() < NVE_ENERGY_DRIFT);
        assertEquals(9, j.get("trajectory_frames").asInt());
        List<Frame> frames = ExtXyz.read(traj);
        assertEquals(9, frames.size());
        assertEquals(400, frames.get(8).infoLong("step").getAsLong());
        assertTrue(frames.get(0).isSymmetric());

        Run text = run("md", "8", "0", "--temperature", "500", "--steps", "200", "--axial", "--tension", "1.5");
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("screw shift h") && text.out().contains("Langevin"), text.out());
    }

    @Test
    void mdRunsAModelFileAndWritesItsUncertainty(@TempDir Path dir) {
        SymmetricStructure t = SymmetricStructure.fromTube(Nanotube.of(10, 10));
        TrainingOptions opt = TrainingOptions.defaults().toBuilder().referenceSize(40).build();
        KernelModel model = Trainer.train(TeacherData.generate(List.of(t), 20, Teachers.byName("tersoff-lb"),
                TeacherData.Options.defaults(), "lb", Progress.NONE), opt, Backends.engines(opt.soap(), Backends.requested()),
                Progress.NONE).model();
        Path file = dir.resolve("m.hxf");
        ModelFile.write(model, file);
        Path traj = dir.resolve("t.extxyz");
        Run r = run("md", "10", "10", "--model", file.toString(), "--temperature", "300", "--steps", "20",
                "--out", traj.toString(), "--every", "10");
        assertEquals(0, r.code(), r.err());
        List<Frame> frames = ExtXyz.read(traj);
        assertEquals(3, frames.size());
        for (Frame f : frames) {
            assertTrue(f.infoDouble("force_sigma_max_epistemic_ha_per_bohr").getAsDouble() > 0);
            assertTrue(f.columns().stream().anyMatch(c -> c.name().equals("force_sigma_epistemic")));
        }
    }

    @Test
    void badMdInputIsOneLineAndExitCode2() {
        Run r = run("md", "10", "10", "--model", "no-such-model", "--temperature", "300", "--steps", "10");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("helixff: error: unknown model 'no-such-model'"), r.err());
        Run t = run("md", "10", "10", "--temperature", "300", "--steps", "10", "--tension", "1");
        assertEquals(2, t.code());
        assertTrue(t.err().contains("--axial"), t.err());
        Run d = run("md", "10", "10", "--temperature", "300", "--steps", "10", "--dt", "50");
        assertEquals(2, d.code());
        assertTrue(d.err().contains("time step 50.0 fs"), d.err());
    }

    @Test
    void learnWritesModelTrainingSetAndLog(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("otf.hxf");
        Run r = run("learn", "10", "10", "--teacher", "tersoff-lb", "--threshold", "3e-4", "--steps", "60",
                "--initial-frames", "4", "--out", model.toString(), "--trajectory", dir.resolve("otf.extxyz").toString(),
                "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = JSON.readTree(r.out());
        int frames = j.get("training_frames").asInt();
        // 4 initial frames of (10,10) and of each rung of the default curvature ladder, (8,8) and (13,13)
        assertEquals(3 * 4 + j.get("teacher_calls_md").asInt(), frames);
        KernelModel back = ModelFile.read(model);
        assertTrue(back.metadata().containsKey("on_the_fly"));
        List<Frame> set = ExtXyz.read(dir.resolve("otf.hxf.training.extxyz"));
        assertEquals(frames, set.size());
        for (Frame f : set) {
            assertTrue(f.isSymmetric() && f.hasForces() && f.energy().isPresent());
            assertEquals("tersoff-lb", f.infoText("energy_group").get());
        }
        List<String> log = Files.readAllLines(dir.resolve("otf.hxf.teacher.jsonl"));
        assertEquals(frames, log.size());
        JsonNode first = JSON.readTree(log.get(0));
        assertEquals("initial", first.get("reason").asText());
        assertEquals("(10,10)", first.get("tube").asText());
        assertEquals(7, ExtXyz.read(dir.resolve("otf.extxyz")).size(), "steps 0, 10, ..., 60");
    }

    @Test
    void learnWithAFailingExternalCodeSavesTheTrainingSetSoFar(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("ext.hxf");
        String cmd = FakeExternalCode.command("--fail-after 4 '" + dir.resolve("counter") + "'");
        Run r = run("learn", "10", "10", "--teacher", "external", "--external-command", cmd, "--threshold", "1e-9",
                "--steps", "50", "--initial-frames", "3", "--out", model.toString());
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().contains("exit status 5") && r.err().contains("simulated failure after 4 calls"), r.err());
        assertTrue(r.err().contains("the 4 teacher labels so far are in"), r.err());
        // the failed fifth call works in the directory numbered 5, as the log numbers it
        assertTrue(r.err().contains("external-000005"), r.err());
        assertTrue(Files.isDirectory(dir.resolve("ext.hxf.teacher-work/external-000005")));
        List<Frame> set = ExtXyz.read(dir.resolve("ext.hxf.training.extxyz"));
        assertEquals(4, set.size(), "3 initial + 1 MD frame, complete");
        assertEquals("external", set.get(0).infoText("energy_group").get());
        assertFalse(Files.exists(model), "no model file after a failed run");
        try (var s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary files left");
        }
    }

    @Test
    void badLearnInputIsOneLineAndExitCode2(@TempDir Path dir) {
        String out = dir.resolve("m.hxf").toString();
        Run a = run("learn", "10", "10", "--teacher", "external", "--threshold", "3e-4", "--steps", "10", "--out", out);
        assertEquals(2, a.code());
        assertTrue(a.err().contains("--external-command"), a.err());
        Run b = run("learn", "10", "10", "--teacher", "sparc", "--threshold", "3e-4", "--steps", "10", "--out", out);
        assertEquals(2, b.code());
        assertTrue(b.err().contains("--sparc-command"), b.err());
        Run c = run("learn", "10", "10", "--teacher", "vasp", "--threshold", "3e-4", "--steps", "10", "--out", out);
        assertEquals(2, c.code());
        assertTrue(c.err().contains("unknown teacher 'vasp'"), c.err());
        Run d = run("learn", "10", "10", "--teacher", "tersoff", "--threshold", "much", "--steps", "10", "--out", out);
        assertEquals(2, d.code());
        assertTrue(d.err().contains("threshold 'much'"), d.err());
    }

    @Test
    void learnResumesFromATrainingSetCutMidRunWithoutRepeatingCalls(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("r.hxf");
        Path set = dir.resolve("r.hxf.training.extxyz");
        String[] args = {"learn", "10", "10", "--teacher", "tersoff-lb", "--threshold", "3e-4", "--steps", "40",
            "--initial-frames", "4", "--out", model.toString(), "--json"};
        Run full = run(args);
        assertEquals(0, full.code(), full.err());
        List<Frame> all = ExtXyz.read(set);
        // as if killed after 7 labels, in the middle of writing the 8th
        String text = Files.readString(set);
        int cut = 0;
        for (int k = 0; k < 7; k++) {
            int n = Integer.parseInt(text.substring(cut, text.indexOf('\n', cut)).strip());
            for (int l = 0; l < n + 2; l++) {
                cut = text.indexOf('\n', cut) + 1;
            }
        }
        Files.writeString(set, text.substring(0, cut + 40));
        Files.delete(model);
        String[] again = java.util.Arrays.copyOf(args, args.length + 1);
        again[args.length] = "--resume";
        Run resumed = run(again);
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.err().contains("resuming with 7 saved teacher labels"), resumed.err());
        List<Frame> after = ExtXyz.read(set);
        assertEquals(all.size(), after.size(), "the same run: the same number of labels");
        for (int k = 0; k < all.size(); k++) {
            assertEquals(all.get(k).energy().getAsDouble(), after.get(k).energy().getAsDouble(), SAME_FRAME_ENERGY,
                    "label " + k + " reproduced (saved or recomputed)");
        }
        List<String> log = Files.readAllLines(dir.resolve("r.hxf.teacher.jsonl"));
        long resumedCalls = log.stream().filter(l -> l.contains("initial (resumed)")).count();
        assertEquals(7, resumedCalls, "the 7 saved labels were not recomputed");
        assertEquals(after.size(), ((Number) ((java.util.Map<?, ?>) ModelFile.read(model).metadata()
                .get("training_set")).get("frames")).intValue());
    }
}
