package org.helixff.io;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.helixff.HelixException;
import org.helixff.cli.Main;
import org.helixff.io.sparc.SparcAimd;
import org.helixff.io.sparc.SparcInput;
import org.helixff.io.sparc.SparcIon;
import org.helixff.io.sparc.SparcOutput;
import org.helixff.io.sparc.SparcStatic;
import org.helixff.model.ModelFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fuzzing the readers (extxyz, the SPARC files, model files) with random truncations, byte flips, huge and
 * non-finite numbers, control characters and long lines: every case ends in a result or a {@link HelixException}
 * (the CLI's one {@code helixff: error:} line), never another exception (an {@code internal error}), and a result
 * never holds a non-finite or absurd number. Through the CLI ({@code read}): exit 0 or 2, at most one error line,
 * no NaN/Infinity printed, no raw control character echoed. Seeded: every run tests the same cases.
 */
@Timeout(value = 300) // seconds: a reader that backtracks or loops on hostile input fails here instead of hanging
class ReaderFuzzTest {
    /** Mutated inputs per reader (each parse takes microseconds to milliseconds). */
    private static final int CASES = 300;
    /** Mutated extxyz files also run through the CLI's read command (in process). */
    private static final int CLI_CASES = 80;

    private static final String[] HUGE = {"1e300", "-1e308", "1e400", "nan", "-inf", "Infinity", "9e18",
        "99999999999999999999", "1e-400", "0x1p3", "1d0", "\u001b[2J", "\u0000", "\u202e", "-0", "+.5e+3"};

    /** One random mutation of a text or byte sequence. */
    private static byte[] mutate(byte[] in, Random r) {
        byte[] b = in.clone();
        switch (r.nextInt(7)) {
            case 0 -> {
                return java.util.Arrays.copyOf(b, r.nextInt(b.length + 1)); // truncation
            }
            case 1 -> {
                for (int k = 0, n = 1 + r.nextInt(4); k < n; k++) {
                    b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8)); // bit flips
                }
                return b;
            }
            case 2, 3 -> {
                // replace a number-like token by a huge, non-finite or hostile one
                String s = new String(b, StandardCharsets.ISO_8859_1);
                List<int[]> tokens = new ArrayList<>();
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("[-+]?\\d+\\.?\\d*([eE][-+]?\\d+)?")
                        .matcher(s);
                while (m.find()) {
                    tokens.add(new int[] {m.start(), m.end()});
                }
                if (tokens.isEmpty()) {
                    return b;
                }
                int[] t = tokens.get(r.nextInt(tokens.size()));
                String rep = HUGE[r.nextInt(HUGE.length)];
                return (s.substring(0, t[0]) + rep + s.substring(t[1])).getBytes(StandardCharsets.UTF_8);
            }
            case 4 -> {
                int at = r.nextInt(b.length + 1); // random bytes inserted
                byte[] junk = new byte[1 + r.nextInt(16)];
                r.nextBytes(junk);
                byte[] o = new byte[b.length + junk.length];
                System.arraycopy(b, 0, o, 0, at);
                System.arraycopy(junk, 0, o, at, junk.length);
                System.arraycopy(b, at, o, at + junk.length, b.length - at);
                return o;
            }
            case 5 -> {
                int at = r.nextInt(b.length + 1); // a line removed or duplicated
                String s = new String(b, StandardCharsets.ISO_8859_1);
                int ls = s.lastIndexOf('\n', Math.max(0, at - 1)) + 1;
                int le = s.indexOf('\n', at);
                le = le < 0 ? s.length() : le + 1;
                String line = s.substring(ls, le);
                String out = r.nextBoolean() ? s.substring(0, ls) + s.substring(le) : s.substring(0, le) + line + s.substring(le);
                return out.getBytes(StandardCharsets.ISO_8859_1);
            }
            default -> {
                int at = r.nextInt(b.length + 1); // a very long line
                byte[] o = new byte[b.length + 100_000];
                System.arraycopy(b, 0, o, 0, at);
                java.util.Arrays.fill(o, at, at + 100_000, (byte) '7');
                System.arraycopy(b, at, o, at + 100_000, b.length - at);
                return o;
            }
        }
    }

    /** Runs a parse; anything but a result or a HelixException fails the test with the input's description. */
    private static <T> void check(String what, int c, byte[] input, java.util.function.Function<String, T> parse,
            Consumer<T> sane) {
        String text = new String(input, StandardCharsets.UTF_8);
        try {
            T r = parse.apply(text);
            sane.accept(r);
        } catch (HelixException e) {
            String msg = e.getMessage();
            assertTrue(msg != null && !msg.isBlank(), what + " case " + c + ": empty message");
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            fail(what + " case " + c + ": " + e + " on input of " + input.length + " bytes:\n"
                    + text.substring(0, Math.min(400, text.length())), e);
        }
    }

    private static void saneFrames(List<Frame> frames) {
        for (Frame f : frames) {
            double[] pos = f.isSymmetric() ? f.symmetric().get().motif() : f.cell().get().positions();
            for (double x : pos) {
                assertTrue(Double.isFinite(x) && Math.abs(x) <= ExtXyz.MAX_COORDINATE_BOHR, "position " + x);
            }
            f.energy().ifPresent(e -> assertTrue(Double.isFinite(e), "energy " + e));
            f.forces().ifPresent(fs -> {
                for (double x : fs) {
                    assertTrue(Double.isFinite(x) && Math.abs(x) <= ExtXyz.MAX_FORCE_HA_PER_BOHR, "force " + x);
                }
            });
        }
    }

    private static byte[] resource(String path) throws IOException {
        try (InputStream in = ReaderFuzzTest.class.getClassLoader().getResourceAsStream(path)) {
            return in.readAllBytes();
        }
    }

    private static byte[] extxyzSample() {
        // a labelled symmetric frame and a labelled full cell, as the library writes them
        List<Frame> frames = new ArrayList<>(Datasets.load("sparc-cnt", "cnt_7_7.extxyz").subList(0, 1));
        frames.add(Datasets.load("gpaw-cnt", "cnt_5_5_train.extxyz").get(0));
        return ExtXyz.format(frames, FileUnits.EV_ANGSTROM).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void extxyzReaderEndsInAResultOrOneError() {
        byte[] good = extxyzSample();
        Random r = new Random(20261207);
        for (int c = 0; c < CASES; c++) {
            byte[] in = mutate(good, r);
            check("extxyz", c, in, t -> ExtXyz.parse("fuzz.extxyz", t), ReaderFuzzTest::saneFrames);
            // the byte reader (files) agrees: a result or a HelixException
            check("extxyz bytes", c, in, t -> {
                try (LineReader lr = LineReader.of("fuzz.extxyz", new ByteArrayInputStream(in))) {
                    return ExtXyz.read(lr);
                }
            }, ReaderFuzzTest::saneFrames);
        }
    }

    @Test
    void sparcReadersEndInAResultOrOneError() throws IOException {
        String root = "org/helixff/data/sparc-cnt/raw/";
        byte[] aimd = resource(root + "md_7_7/cnt.aimd");
        byte[] out = resource(root + "md_7_7/cnt.out");
        byte[] stat = resource(root + "diag_77_k7/cnt.static");
        byte[] ion = resource(root + "diag_77_k7/cnt.ion");
        byte[] inpt = resource(root + "diag_77_k7/cnt.inpt");
        Random r = new Random(7);
        for (int c = 0; c < CASES; c++) {
            check("aimd", c, mutate(aimd, r), t -> SparcAimd.parse("fuzz.aimd", t), x -> { });
            check("out", c, mutate(out, r), t -> SparcOutput.parse("fuzz.out", t), x -> { });
            check("static", c, mutate(stat, r), t -> SparcStatic.parse("fuzz.static", t), x -> { });
            check("ion", c, mutate(ion, r), t -> SparcIon.parse("fuzz.ion", t), x -> { });
            check("inpt", c, mutate(inpt, r), t -> SparcInput.parse("fuzz.inpt", t), x -> { });
        }
    }

    @Test
    void modelReaderEndsInAResultOrOneErrorEvenWhenRehashed() throws Exception {
        byte[] good = ModelFile.toBytes(ModelFixtures.trainToy(4, 12).model());
        Random r = new Random(11);
        for (int c = 0; c < CASES; c++) {
            byte[] body = mutate(java.util.Arrays.copyOf(good, good.length - 32), r);
            // half of the cases carry a valid checksum over the mutated content: the semantic checks must hold
            byte[] in = body;
            if (c % 2 == 0) {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                byte[] h = md.digest(body);
                in = java.util.Arrays.copyOf(body, body.length + 32);
                System.arraycopy(h, 0, in, body.length, 32);
            }
            byte[] input = in;
            try {
                var m = ModelFile.read(new ByteArrayInputStream(input), "fuzz.hxff");
                for (double w : m.weights()) {
                    assertTrue(Double.isFinite(w), "case " + c);
                }
                assertTrue(Double.isFinite(m.energyOffset()), "case " + c);
            } catch (HelixException e) {
                assertTrue(e.getMessage() != null && !e.getMessage().contains("\n"), "case " + c);
            } catch (RuntimeException | OutOfMemoryError e) {
                fail("model case " + c + ": " + e, e);
            }
        }
    }

    @Test
    void readCommandPrintsAResultOrOneErrorLine(@TempDir Path dir) throws IOException {
        byte[] good = extxyzSample();
        Random r = new Random(3);
        Path f = dir.resolve("fuzz.extxyz");
        for (int c = 0; c < CLI_CASES; c++) {
            Files.write(f, mutate(good, r));
            StringWriter o = new StringWriter();
            StringWriter e = new StringWriter();
            int code = Main.run(new String[] {"read", f.toString()}, new PrintWriter(o), new PrintWriter(e));
            String err = e.toString();
            assertTrue(code == 0 || code == 2, "case " + c + ": exit " + code + " " + err);
            if (code == 2) {
                assertTrue(err.startsWith("helixff: error: ") && err.strip().lines().count() == 1,
                        "case " + c + ": " + err);
            }
            for (String s : new String[] {o.toString(), err}) {
                assertTrue(!s.contains("NaN") && !s.contains("Infinity"), "case " + c + ": " + s);
                assertTrue(s.chars().noneMatch(ch -> ch < 0x20 && ch != '\n' || ch == 0x7f),
                        "case " + c + ": raw control character in " + s);
            }
        }
    }
}
