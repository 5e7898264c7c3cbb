package org.helixff.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.helixff.Progress;
import org.helixff.Units;
import org.helixff.app.Models;
import org.helixff.calculator.Calculator;
import org.helixff.phonon.TubePhononResult;
import org.helixff.phonon.TubePhonons;
import org.helixff.relax.RelaxationResult;
import org.helixff.relax.Relaxer;
import org.helixff.structure.Nanotube;
import org.helixff.symmetry.SymmetricStructure;
import org.junit.jupiter.api.Test;

/** The README's Java example, compiled and run exactly as printed there. */
class ReadmeExampleTest {
    @Test
    void readmeShowsExactlyThisSnippet() throws Exception {
        String src = Files.readString(Path.of("src/test/java/org/helixff/examples/ReadmeExampleTest.java"));
        String begin = "// README-" + "BEGIN\n";
        String end = "        // README-" + "END";
        String snippet = src.substring(src.indexOf(begin) + begin.length(), src.indexOf(end));
        StringBuilder unindented = new StringBuilder();
        for (String line : snippet.split("\n", -1)) {
            unindented.append(line.startsWith("        ") ? line.substring(8) : line).append('\n');
        }
        String readme = Files.readString(Path.of("README.md"));
        String block = unindented.toString().strip();
        assertTrue(readme.contains(block), "README.md must contain the example:\n" + block);
    }

    @Test
    void exampleRunsAndFindsTheBreathingMode() {
        // README-BEGIN
        Calculator model = Models.resolve("default"); // bundled learned model; or "tersoff-lb", or a model file
        SymmetricStructure tube = SymmetricStructure.fromTube(Nanotube.of(10, 10));
        RelaxationResult relaxed = new Relaxer(model, Relaxer.Options.builder().freeAxial(true).build()).relax(tube);
        TubePhononResult phonons = TubePhonons.run(model, relaxed.structure(), TubePhonons.Options.defaults(),
                Progress.NONE);
        double diameterNm = Units.bohrToAngstrom(relaxed.diameter()) / 10;
        double rbm = phonons.rbm().frequencyCm1();
        System.out.printf("d = %.4f nm, RBM = %.1f cm^-1, RBM x d = %.1f cm^-1 nm%n", diameterNm, rbm, rbm * diameterNm);
        // README-END
        assertTrue(relaxed.converged());
        // experiment: RBM x d = 227-248 cm^-1 nm
        assertTrue(rbm * diameterNm > 200 && rbm * diameterNm < 260, "RBM x d = " + rbm * diameterNm);
    }
}
