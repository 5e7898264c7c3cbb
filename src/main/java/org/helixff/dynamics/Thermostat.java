package org.helixff.dynamics;

/** How a molecular-dynamics run exchanges heat with a bath. */
public enum Thermostat {
    /** Microcanonical (NVE): velocity Verlet, no bath. */
    NONE,
    /**
     * Canonical (NVT): Langevin dynamics integrated with the BAOAB splitting (Leimkuhler and Matthews,
     * Appl. Math. Res. Express 2013, 34): half kick, half drift, exact Ornstein-Uhlenbeck velocity update
     * v -> c1 v + sqrt(1 - c1^2) sqrt(kT/m) xi with c1 = exp(-gamma dt), half drift, half kick.
     */
    LANGEVIN;

    /** Parses "none"/"nve" or "langevin"/"nvt" (case-insensitive). */
    public static Thermostat parse(String s) {
        String k = s == null ? "" : s.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (k) {
            case "none", "nve" -> NONE;
            case "langevin", "nvt" -> LANGEVIN;
            default -> throw new org.helixff.InvalidInputException("unknown thermostat '" + s
                    + "'; valid: langevin, none");
        };
    }
}
