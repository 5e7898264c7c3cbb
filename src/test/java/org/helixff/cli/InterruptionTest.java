package org.helixff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.helixff.Tolerances;
import org.helixff.io.ExtXyz;
import org.helixff.io.Frame;
import org.helixff.io.ModelFile;
import org.helixff.model.KernelModel;
import org.helixff.teacher.FakeExternalCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real child processes interrupted with SIGTERM or SIGINT at several points: no temporary file or staging
 * directory is left, a directory of outputs is either complete or untouched, an interrupted {@code md} keeps its
 * finished frames as a valid extxyz, and an interrupted {@code learn} keeps every label its teacher delivered,
 * kills the hanging teacher and continues with {@code --resume} without repeating a call.
 */
class InterruptionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A child JVM that does not end within this after a signal is a failure (shutdown hooks are quick). */
    private static final long EXIT_WAIT_S = 30;

    private static Process start(Path dir, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile()).start();
    }

    private static void signal(Process p, String sig) throws Exception {
        Process k = new ProcessBuilder("kill", "-" + sig, Long.toString(p.pid())).start();
        assertEquals(0, k.waitFor(), "kill -" + sig);
    }

    private static int stop(Process p, String sig) throws Exception {
        signal(p, sig);
        boolean ended = p.waitFor(EXIT_WAIT_S, TimeUnit.SECONDS);
        if (!ended) {
            // never leave a runaway child behind a failure (one that inherited SIGINT as ignored, e.g. under
            // `nohup ... &`, runs its 1e8 MD steps on otherwise)
            p.destroyForcibly().waitFor(EXIT_WAIT_S, TimeUnit.SECONDS);
        }
        assertTrue(ended, "child did not end after SIG" + sig);
        return p.exitValue();
    }

    /** Hidden temporary files and staging directories anywhere below dir. */
    private static List<Path> debris(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".tmp") || n.contains(".staging-");
            }).toList();
        }
    }

    /** True while a process exists and is not a zombie (an unreaped dead process in a container without init). */
    private static boolean running(long pid) throws IOException {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) || !Files.exists(stat)) {
            return false;
        }
        try {
            String st = Files.readString(stat);
            return st.charAt(st.lastIndexOf(')') + 2) != 'Z';
        } catch (java.nio.file.NoSuchFileException e) {
            return false;
        }
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private static Run run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Main.run(args, new PrintWriter(o), new PrintWriter(e));
        return new Run(code, o.toString(), e.toString());
    }

    private record Run(int code, String out, String err) {
    }

    /**
     * The further outputs a phonons summary names in its sections (projected DOS, thermal, phonopy files:
     * their "files" lists; mode pictures: "modes/..." paths, i.e. the modes directory), by top-level name.
     */
    private static void outputsOfSections(JsonNode summary, List<String> out) {
        summary.fields().forEachRemaining(e -> {
            if (!e.getKey().equals("files")) {
                collect(e.getValue(), false, out);
            }
        });
    }

    private static void collect(JsonNode n, boolean inFiles, List<String> out) {
        if (n.isTextual()) {
            String t = n.asText();
            String top = t.startsWith("modes/") ? "modes" : inFiles ? t : null;
            if (top != null && !out.contains(top)) {
                out.add(top);
            }
        } else if (n.isArray()) {
            n.forEach(c -> collect(c, inFiles, out));
        } else if (n.isObject()) {
            n.fields().forEachRemaining(e -> collect(e.getValue(), inFiles || e.getKey().equals("files"), out));
        }
    }

    @Test
    void interruptedPhononsLeaveNoDebrisAndNoMixedDirectory(@TempDir Path dir) throws Exception {
        // a first complete run of another tube, then interrupted reruns into the same directory
        Path out = dir.resolve("ph");
        Run first = run("phonons", "8", "8", "--model", "tersoff-lb", "--out", out.toString(), "--json");
        assertEquals(0, first.code(), first.err());
        String firstSummary = Files.readString(out.resolve("summary.json"));
        long[] delaysMs = {400, 1200, 2500, 4000};
        String[] signals = {"TERM", "INT", "TERM", "INT"};
        for (int i = 0; i < delaysMs.length; i++) {
            Process p = start(dir, "phonons", "40", "39", "--model", "tersoff-lb", "--out", out.toString());
            Thread.sleep(delaysMs[i]);
            boolean finished = !p.isAlive();
            if (!finished) {
                stop(p, signals[i]);
            }
            assertEquals(List.of(), debris(dir), "after SIG" + signals[i] + " at " + delaysMs[i] + " ms");
            JsonNode s = JSON.readTree(out.resolve("summary.json").toFile());
            String tube = s.get("tube").get("n").asInt() + "," + s.get("tube").get("m").asInt();
            if (tube.equals("8,8")) {
                assertEquals(firstSummary, Files.readString(out.resolve("summary.json")), "untouched");
            }
            // whatever the summary says, every file it lists is there and no other run's file is
            List<String> listed = new ArrayList<>();
            s.get("files").forEach(f -> listed.add(f.asText()));
            outputsOfSections(s, listed);
            try (Stream<Path> st = Files.list(out)) {
                List<String> present = st.map(q -> q.getFileName().toString()).sorted().toList();
                assertEquals(listed.stream().sorted().toList(), present, "directory of one run (" + tube + ")");
            }
            if (tube.equals("40,39")) {
                String band = Files.readString(out.resolve("band.yaml"));
                assertTrue(band.contains("(40,39)"), "band.yaml of the same run as summary.json");
                return; // a complete run: later interruptions would only repeat it
            }
        }
    }

    @Test
    void interruptedMdKeepsItsFinishedFramesAsValidExtxyz(@TempDir Path dir) throws Exception {
        for (String sig : new String[] {"TERM", "INT"}) {
            Path traj = dir.resolve("traj-" + sig + ".extxyz");
            Process p = start(dir, "md", "10", "10", "--model", "tersoff-lb", "--temperature", "300", "--steps",
                    "100000000", "--every", "20", "--out", traj.toString());
            long t0 = System.nanoTime();
            // wait until some frames exist in the temporary file
            while (debris(dir).isEmpty() || Files.size(debris(dir).get(0)) < 20_000) {
                assertTrue(p.isAlive(), "md ended early: " + Files.readString(dir.resolve("child.log")));
                assertTrue(System.nanoTime() - t0 < 60e9, "no trajectory after 60 s");
                Thread.sleep(100);
            }
            stop(p, sig);
            assertEquals(List.of(), debris(dir), "SIG" + sig);
            List<Frame> frames = ExtXyz.read(traj);
            assertTrue(frames.size() >= 2, "finished frames kept: " + frames.size());
            for (int i = 0; i < frames.size(); i++) {
                assertEquals(20L * i, frames.get(i).infoLong("step").getAsLong());
            }
            assertEquals("rw-r--r--", mode(traj));
        }
    }

    @Test
    void killedLearnKeepsEveryLabelKillsItsTeacherAndResumes(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("ext.hxf");
        Path counter = dir.resolve("counter");
        Path set = dir.resolve("ext.hxf.training.extxyz");
        String[] common = {"learn", "10", "10", "--teacher", "external", "--threshold", "1e-9", "--steps", "30",
            "--initial-frames", "3", "--out", model.toString(), "--checkpoint-every", "100"};
        List<String> args = new ArrayList<>(List.of(common));
        args.addAll(List.of("--external-command", FakeExternalCode.command("--hang-after 4 '" + counter + "'")));
        Process p = start(dir, args.toArray(String[]::new));
        Path hanging = Path.of(counter + ".hanging");
        long t0 = System.nanoTime();
        while (!Files.exists(hanging) || Files.readString(hanging).isBlank()) {
            assertTrue(p.isAlive(), "learn ended early: " + Files.readString(dir.resolve("child.log")));
            assertTrue(System.nanoTime() - t0 < 120e9, "the teacher did not hang within 120 s");
            Thread.sleep(100);
        }
        long teacherPid = Long.parseLong(Files.readString(hanging).trim());
        stop(p, "TERM");
        // the 4 labels delivered (3 initial + 1 MD) are on disk, valid, although no checkpoint was due
        List<Frame> saved = ExtXyz.read(set);
        assertEquals(4, saved.size());
        assertFalse(Files.exists(model), "no model was due yet");
        assertEquals(List.of(), debris(dir));
        long t1 = System.nanoTime();
        while (running(teacherPid) && System.nanoTime() - t1 < 5e9) {
            Thread.sleep(100);
        }
        assertFalse(running(teacherPid), "the hanging teacher was killed with learn");

        // without --resume the saved labels are protected
        List<String> again = new ArrayList<>(List.of(common));
        again.addAll(List.of("--external-command", FakeExternalCode.command("--fail-after 100 '" + counter + "'")));
        Run refused = run(again.toArray(String[]::new));
        assertEquals(2, refused.code(), refused.err());
        assertTrue(refused.err().contains("--resume"), refused.err());

        // --resume: the 4 labels are reused, one more MD call is allowed
        again.addAll(List.of("--resume", "--max-teacher-calls", "2", "--json"));
        Files.writeString(counter, "0");
        Run resumed = run(again.toArray(String[]::new));
        assertEquals(0, resumed.code(), resumed.err());
        assertEquals("1", Files.readString(counter).trim(), "one new teacher call, none repeated");
        List<Frame> all = ExtXyz.read(set);
        assertEquals(5, all.size());
        for (int i = 0; i < 4; i++) {
            assertEquals(saved.get(i).energy().getAsDouble(), all.get(i).energy().getAsDouble(), Tolerances.EXACT);
        }
        KernelModel m = ModelFile.read(model);
        @SuppressWarnings("unchecked")
        var ts = (java.util.Map<String, Object>) m.metadata().get("training_set");
        assertEquals(5, ((Number) ts.get("frames")).intValue(), "the model reports the training set it was fitted on");
        assertEquals(set.getFileName().toString(), ts.get("file"));
        JsonNode j = JSON.readTree(resumed.out());
        assertEquals(5, j.get("training_frames").asInt());
    }
}
