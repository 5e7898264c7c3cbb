package org.helixff;

/**
 * The one place where units are defined. Inside the library every length is in Bohr, every energy in
 * Hartree, forces in Hartree/Bohr, masses in electron masses and angular frequencies in Hartree/hbar.
 * Conversion happens only at the edges (file readers/writers, CLI output).
 *
 * <p>Values: CODATA 2018 as quoted in docs/method.md (1 Ha = 27.211386245988 eV, 1 Bohr = 0.529177210903 A,
 * 1 amu = 1822.888486 m_e, omega[Ha/hbar] * 219474.6313705 = wavenumber[cm^-1]).
 */
public final class Units {
    private Units() {
    }

    /** Electron-volts per Hartree. */
    public static final double EV_PER_HARTREE = 27.211386245988;
    /** Angstrom per Bohr. */
    public static final double ANGSTROM_PER_BOHR = 0.529177210903;
    /** Bohr per Angstrom. */
    public static final double BOHR_PER_ANGSTROM = 1.0 / ANGSTROM_PER_BOHR;
    /** (eV/A) per (Ha/Bohr). */
    public static final double EV_PER_A_PER_HA_PER_BOHR = EV_PER_HARTREE / ANGSTROM_PER_BOHR;
    /** Electron masses per atomic mass unit. */
    public static final double ME_PER_AMU = 1822.888486;
    /** Mass of carbon (natural abundance) in amu. */
    public static final double CARBON_MASS_AMU = 12.011;
    /** Mass of carbon in electron masses (atomic units of mass). */
    public static final double CARBON_MASS = CARBON_MASS_AMU * ME_PER_AMU;
    /** Wavenumber in cm^-1 of an angular frequency of 1 Hartree/hbar. */
    public static final double CM1_PER_HARTREE = 219474.6313705;
    /** THz per cm^-1 (speed of light 29.9792458 cm/ps). */
    public static final double THZ_PER_CM1 = 0.0299792458;
    /** Atomic unit of time in femtoseconds (hbar / Ha). */
    public static final double FS_PER_AU_TIME = 0.02418884326585747;
    /** Boltzmann constant in Hartree per Kelvin. */
    public static final double KB_HARTREE_PER_K = 3.166811563e-6;

    /** A length in Bohr as Angstrom. */
    public static double bohrToAngstrom(double bohr) {
        return bohr * ANGSTROM_PER_BOHR;
    }

    /** A length in Angstrom as Bohr. */
    public static double angstromToBohr(double angstrom) {
        return angstrom * BOHR_PER_ANGSTROM;
    }

    /** An energy in Hartree as eV. */
    public static double hartreeToEv(double ha) {
        return ha * EV_PER_HARTREE;
    }

    /** An energy in eV as Hartree. */
    public static double evToHartree(double ev) {
        return ev / EV_PER_HARTREE;
    }

    /** Converts omega^2 in Hartree/(Bohr^2 m_e) (eigenvalue of a mass-weighted Hessian) to a signed wavenumber in cm^-1. */
    public static double eigenvalueToWavenumber(double omega2) {
        double w = Math.sqrt(Math.abs(omega2)) * CM1_PER_HARTREE;
        return omega2 < 0 ? -w : w;
    }
}
