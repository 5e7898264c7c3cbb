package org.helixff.phonon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The typed warnings print exactly the lines the free-text warnings printed before (the format strings below are
 * the ones {@code TubePhonons} and {@code AnalyzeCommand} used, copied from the previous commit), and carry the
 * numbers behind them by name.
 */
class PhononWarningTest {
    @Test
    void messagesAreTheOldLines() {
        assertEquals(String.format(Locale.ROOT, "structure is not relaxed (largest force %.3e Ha/Bohr):"
                + " expect imaginary frequencies; use relaxation", 3.25e-4),
                PhononWarning.notRelaxed(3.25e-4).message());
        assertEquals("the tube has no translational period (incommensurate twist): no Gamma point of a"
                + " translational cell, no linear dispersion", PhononWarning.noPeriod().message());
        TubePhonons.Instability inst = new TubePhonons.Instability(7, -12.345678, 3, 0.123456, 1.0);
        for (boolean unrelaxed : new boolean[] {false, true}) {
            assertEquals(String.format(Locale.ROOT, "%d imaginary frequencies below -%.3g cm^-1 (lowest %.3f"
                    + " cm^-1 at nu = %d, kappa = %.4f)%s", 7, 1.0, -12.345678, 3, 0.123456,
                    unrelaxed ? ": the structure was not relaxed" : ""),
                    PhononWarning.imaginary(inst, 1.0, unrelaxed).message());
        }
        IdentifiedMode z = new IdentifiedMode("twist", 0, 0, 0, 1, 2.5, 0.97, 0, 1, 0);
        assertEquals(String.format(Locale.ROOT, "zero mode '%s' at %.3f cm^-1 with pattern overlap"
                + " %.4f (expected 0 cm^-1 and overlap 1)", "twist", 2.5, 0.97),
                PhononWarning.poorZeroMode(z).message());
        assertEquals(String.format(Locale.ROOT, "the force constants are not symmetric under the tube's group:"
                + " relative residual %.3e (largest entry %.3e); the symmetric part is analysed", 2e-3, 5e-3),
                PhononWarning.asymmetricForceConstants(2e-3, 5e-3).message());
        assertEquals("the helical group matches no (n, m) tube of this shape: modes are labelled, the tube is not"
                + " named", PhononWarning.unknownTube().message());
    }

    @Test
    void numbersAreNamedInOrder() {
        TubePhonons.Instability inst = new TubePhonons.Instability(7, -12.5, 3, 0.25, 1.0);
        PhononWarning w = PhononWarning.imaginary(inst, 1.0, true);
        assertEquals(PhononWarning.Code.IMAGINARY_FREQUENCIES, w.code());
        assertEquals(List.of("count", "tolerance_cm1", "lowest_cm1", "lowest_at_nu", "lowest_at_kappa_rad"),
                List.copyOf(w.values().keySet()));
        assertEquals(List.of(7.0, 1.0, -12.5, 3.0, 0.25), List.copyOf(w.values().values()));
        assertEquals(Map.of("max_force_ha_per_bohr", 3e-4), PhononWarning.notRelaxed(3e-4).values());
        assertThrows(UnsupportedOperationException.class, () -> w.values().put("x", 1.0));
    }
}
