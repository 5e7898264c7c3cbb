package org.helixff.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.helixff.InvalidInputException;
import org.helixff.Tolerances;
import org.helixff.structure.Nanotube;
import org.helixff.symmetry.SymmetricStructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The append-only training-set journal: valid after every append, a frame cut by a kill is dropped on resume. */
class FrameJournalTest {
    private static Frame frame(int k) {
        return Frame.of(SymmetricStructure.fromTube(Nanotube.of(6 + k, 6))).withEnergy(-1.0 - k)
                .withForces(new double[] {0.1 * k, 0, 0, 0, 0, -0.1 * k});
    }

    @Test
    void everyAppendIsAValidFileAndACutFrameIsDroppedOnResume(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("set.extxyz");
        try (FrameJournal j = FrameJournal.open(p, false)) {
            for (int k = 0; k < 3; k++) {
                j.append(frame(k));
                List<Frame> back = ExtXyz.read(p);
                assertEquals(k + 1, back.size(), "valid after append " + (k + 1));
                assertEquals(-1.0 - k, back.get(k).energy().getAsDouble(), Tolerances.EXACT);
            }
        }
        // a kill in the middle of the fourth frame leaves a cut frame
        String fourth = ExtXyz.format(frame(3), FileUnits.HARTREE_BOHR);
        long complete = Files.size(p);
        Files.writeString(p, fourth.substring(0, fourth.length() / 2), StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        try (FrameJournal j = FrameJournal.open(p, true)) {
            assertEquals(3, j.existing().size());
            assertTrue(j.droppedBytes() > 0);
            assertEquals(complete, Files.size(p), "truncated to the last complete frame");
            j.append(frame(3));
        }
        assertEquals(4, ExtXyz.read(p).size());
        assertEquals(complete, FrameJournal.completeLength(Files.readAllBytes(p)) - fourth.length());
    }

    @Test
    void aNewRunNeverOverwritesSavedLabels(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("set.extxyz");
        try (FrameJournal j = FrameJournal.open(p, false)) {
            j.append(frame(0));
        }
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> FrameJournal.open(p, false));
        assertTrue(e.getMessage().contains("--resume"), e.getMessage());
        assertEquals(1, ExtXyz.read(p).size());
        Files.writeString(p, "");
        FrameJournal.open(p, false).close(); // an empty file is no saved label
    }
}
