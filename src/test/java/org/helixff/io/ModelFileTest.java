package org.helixff.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.helixff.FileFormatException;
import org.helixff.Tolerances;
import org.helixff.calculator.SymmetricResult;
import org.helixff.calculator.UncertaintyCalculator;
import org.helixff.model.KernelModel;
import org.helixff.model.ModelCalculator;
import org.helixff.model.ModelFixtures;
import org.helixff.structure.Nanotube;
import org.helixff.symmetry.SymmetricStructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFileTest {
    private static KernelModel model;

    @BeforeAll
    static void train() {
        model = ModelFixtures.trainToy(10, 25).model();
    }

    @Test
    void roundTripReproducesPredictionsBitForBit(@TempDir Path dir) {
        Path f = dir.resolve("m.hxff");
        ModelFile.write(model, f);
        KernelModel back = ModelFile.read(f);
        assertArrayEquals(model.weights(), back.weights());
        assertArrayEquals(model.reference(), back.reference());
        assertEquals(model.energyOffset(), back.energyOffset());
        SymmetricStructure s = SymmetricStructure.fromTube(Nanotube.of(9, 6), 0.005, 0.0);
        ModelCalculator a = new ModelCalculator(model, ModelFixtures.toyEngine());
        ModelCalculator b = new ModelCalculator(back, ModelFixtures.toyEngine());
        SymmetricResult ra = a.compute(s);
        SymmetricResult rb = b.compute(s);
        assertEquals(Double.doubleToRawLongBits(ra.energyPerMotif()), Double.doubleToRawLongBits(rb.energyPerMotif()));
        assertArrayEquals(ra.forces(), rb.forces(), Tolerances.EXACT);
        UncertaintyCalculator.Uncertainty ua = a.uncertainty(s);
        UncertaintyCalculator.Uncertainty ub = b.uncertainty(s);
        assertEquals(ua.energyPerAtom(), ub.energyPerAtom(), Tolerances.EXACT);
        assertArrayEquals(ua.forces(), ub.forces(), Tolerances.EXACT);
        // writing the loaded model gives the same bytes
        assertArrayEquals(ModelFile.toBytes(model), ModelFile.toBytes(back));
        // and bytes that do not depend on the JVM run: the units in a fixed order (Map.of iteration varies)
        String head = new String(ModelFile.toBytes(model), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertTrue(head.contains("\"units\":{\"energy\":\"hartree\",\"length\":\"bohr\",\"force\":\"hartree/bohr\"}"),
                "units in the order energy, length, force");
    }

    @Test
    void corruptTruncatedAndForeignFilesAreRejected(@TempDir Path dir) throws Exception {
        byte[] good = ModelFile.toBytes(model);
        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x10;
        Path f1 = dir.resolve("corrupt.hxff");
        Files.write(f1, flipped);
        FileFormatException e1 = assertThrows(FileFormatException.class, () -> ModelFile.read(f1));
        assertTrue(e1.getMessage().contains("corrupt"), e1.getMessage());

        Path f2 = dir.resolve("truncated.hxff");
        Files.write(f2, java.util.Arrays.copyOf(good, good.length - 100));
        FileFormatException e2 = assertThrows(FileFormatException.class, () -> ModelFile.read(f2));
        assertTrue(e2.getMessage().contains("truncated") || e2.getMessage().contains("corrupt"), e2.getMessage());

        Path f3 = dir.resolve("notamodel.hxff");
        Files.writeString(f3, "hello\nworld\n");
        FileFormatException e3 = assertThrows(FileFormatException.class, () -> ModelFile.read(f3));
        assertTrue(e3.getMessage().contains("not a HelixFF model"), e3.getMessage());

        Path f4 = dir.resolve("missing.hxff");
        assertThrows(FileFormatException.class, () -> ModelFile.read(f4));
        assertFalse(Files.exists(f4));
    }

    @Test
    void newerFormatVersionIsRefusedWithAClearMessage(@TempDir Path dir) throws Exception {
        byte[] good = ModelFile.toBytes(model);
        String text = new String(good, 0, 20, StandardCharsets.ISO_8859_1);
        assertTrue(text.startsWith("HELIXFF-MODEL 1\n"));
        byte[] newer = good.clone();
        newer[14] = '2';
        Path f = dir.resolve("newer.hxff");
        Files.write(f, newer);
        FileFormatException e = assertThrows(FileFormatException.class, () -> ModelFile.read(f));
        assertTrue(e.getMessage().contains("format version 2"), e.getMessage());
    }
}
