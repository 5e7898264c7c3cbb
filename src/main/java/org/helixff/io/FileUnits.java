package org.helixff.io;

import java.util.Locale;
import org.helixff.Units;

/**
 * Units of a structure file, named by an extxyz frame's {@code units} key. Inside the library
 * everything is Hartree and Bohr; readers convert from these, writers to them.
 */
public enum FileUnits {
    /** Hartree, Bohr, Hartree/Bohr: the SPARC data and the library's own units ({@code units=hartree_bohr}). */
    HARTREE_BOHR("hartree_bohr", 1.0, 1.0),
    /** eV, Angstrom, eV/Angstrom: ASE's units, assumed when a frame has no units key ({@code units=eV_angstrom}). */
    EV_ANGSTROM("eV_angstrom", Units.EV_PER_HARTREE, Units.ANGSTROM_PER_BOHR);

    private final String key;
    private final double energyPerHartree;
    private final double lengthPerBohr;

    FileUnits(String key, double energyPerHartree, double lengthPerBohr) {
        this.key = key;
        this.energyPerHartree = energyPerHartree;
        this.lengthPerBohr = lengthPerBohr;
    }

    /** The value of the extxyz {@code units} key. */
    public String key() {
        return key;
    }

    /** File energy units per Hartree (1 or 27.211386245988). */
    public double energyPerHartree() {
        return energyPerHartree;
    }

    /** File length units per Bohr (1 or 0.529177210903). */
    public double lengthPerBohr() {
        return lengthPerBohr;
    }

    /**
     * Factor that converts an internal value of dimension energy^e x length^l into file units.
     * Divide by it to convert a file value to Hartree/Bohr.
     */
    public double factor(int energyPower, int lengthPower) {
        return Math.pow(energyPerHartree, energyPower) * Math.pow(lengthPerBohr, lengthPower);
    }

    /**
     * The units named by a {@code units} value, case-insensitively: {@code hartree_bohr} (also
     * {@code hartree/bohr}, {@code atomic}, {@code au}) or {@code eV_angstrom} (also {@code ev/angstrom},
     * {@code ev_a}, {@code ev/a}, {@code ase}); null if unknown.
     */
    public static FileUnits fromKey(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT).replace('/', '_');
        return switch (v) {
            case "hartree_bohr", "atomic", "au", "ha_bohr" -> HARTREE_BOHR;
            case "ev_angstrom", "ev_a", "ev_ang", "ase" -> EV_ANGSTROM;
            default -> null;
        };
    }
}
