package org.helixff.io.sparc;

import java.util.Map;
import org.helixff.InvalidInputException;

/**
 * Numerical settings of a SPARC cyclix calculation. {@link #PRODUCTION} equals the settings of the
 * shipped {@code sparc-cnt} data (its README, "DFT settings"): mesh 0.30 Bohr, 7.5 Bohr radial vacuum
 * on each side, eta = ceil(9 Bohr / h) helical k-points, PBE, Fermi-Dirac smearing 0.005 Ha,
 * TOL_SCF 1e-5, potential mixing without preconditioner, the SPMS carbon pseudopotential; single point.
 *
 * <p>Grid rule (README): with R the mid radius of the motif atoms ((r_min + r_max) / 2) and tau the
 * twist, the radial, angular and helical grid counts are ceil(L1 / s), ceil(R L2 / s) and
 * ceil(L3 sqrt(1 + (R tau)^2) / s) for mesh s (the helical grid lines are sheared, so the true spacing
 * along z is s / sqrt(1 + (R tau)^2)); L1 = (r_max - r_min) + 2 vacuum.
 *
 * @param meshSpacing        target mesh spacing s, Bohr (0.05..2)
 * @param vacuum             radial vacuum on each side of the atoms, Bohr (> 0)
 * @param kpointAxialLength  axial Born-von Karman length that sets eta = ceil(length / h), Bohr; used when
 *                           {@code helicalKpoints} is 0
 * @param helicalKpoints     eta of {@code KPOINT_GRID: 1 N eta}; 0 = from {@code kpointAxialLength}
 * @param exchangeCorrelation {@code EXCHANGE_CORRELATION}
 * @param smearingType       {@code ELEC_TEMP_TYPE} (fd = Fermi-Dirac, gaussian)
 * @param smearing           {@code SMEARING}, Hartree (> 0)
 * @param tolScf             {@code TOL_SCF} (> 0)
 * @param mixingVariable     {@code MIXING_VARIABLE}
 * @param mixingPrecond      {@code MIXING_PRECOND}
 * @param pseudopotentials   pseudopotential file per element
 * @param md                 molecular-dynamics settings, or null for a single point (static run)
 */
public record SparcSettings(double meshSpacing, double vacuum, double kpointAxialLength, int helicalKpoints,
        String exchangeCorrelation, String smearingType, double smearing, double tolScf, String mixingVariable,
        String mixingPrecond, Map<String, String> pseudopotentials, Md md) {

    /** Carbon pseudopotential of the shipped data (SPMS/ONCV PBE, 4 valence electrons, NLCC). */
    public static final String CARBON_PSEUDOPOTENTIAL = "06_C_4_1.2_1.2_pbe_n_v1.0.psp8";

    /** The settings of the shipped sparc-cnt production data, as a single point. */
    public static final SparcSettings PRODUCTION = new SparcSettings(0.30, 7.5, 9.0, 0, "GGA_PBE", "fd", 0.005,
            1e-5, "potential", "none", Map.of("C", CARBON_PSEUDOPOTENTIAL), null);

    /**
     * NVE/NVT molecular-dynamics settings.
     *
     * @param method         {@code MD_METHOD} (NVE, NVT_NH, ...)
     * @param ionTemperature {@code ION_TEMP}, Kelvin (initial velocities)
     * @param timestepFs     {@code MD_TIMESTEP}, femtoseconds
     * @param steps          {@code MD_NSTEP} (>= 1)
     */
    public record Md(String method, double ionTemperature, double timestepFs, int steps) {
        /** The production MD of the shipped data: NVE, 1200 K, 3 fs. */
        public static Md production(int steps) {
            return new Md("NVE", 1200, 3.0, steps);
        }

        public Md {
            if (method == null || !method.matches("[A-Za-z_]+")) {
                throw new InvalidInputException("SPARC MD method '" + method + "' must be a word");
            }
            if (!(ionTemperature >= 0) || !Double.isFinite(ionTemperature)) {
                throw new InvalidInputException("SPARC ion temperature " + ionTemperature + " K must be >= 0");
            }
            if (!(timestepFs > 0) || !Double.isFinite(timestepFs)) {
                throw new InvalidInputException("SPARC MD time step " + timestepFs + " fs must be positive");
            }
            if (steps < 1) {
                throw new InvalidInputException("SPARC MD steps " + steps + " must be >= 1");
            }
        }
    }

    public SparcSettings {
        if (!(meshSpacing >= 0.05 && meshSpacing <= 2.0)) {
            throw new InvalidInputException("SPARC mesh spacing " + meshSpacing + " Bohr is outside [0.05, 2]");
        }
        if (!(vacuum > 0) || !Double.isFinite(vacuum)) {
            throw new InvalidInputException("SPARC radial vacuum " + vacuum + " Bohr must be positive");
        }
        if (helicalKpoints < 0) {
            throw new InvalidInputException("SPARC helical k-points " + helicalKpoints + " must be >= 0 (0 = rule)");
        }
        if (helicalKpoints == 0 && !(kpointAxialLength > 0 && Double.isFinite(kpointAxialLength))) {
            throw new InvalidInputException("SPARC k-point axial length " + kpointAxialLength + " Bohr must be positive");
        }
        if (!(smearing > 0) || !Double.isFinite(smearing) || !(tolScf > 0) || !Double.isFinite(tolScf)) {
            throw new InvalidInputException("SPARC smearing " + smearing + " Ha and TOL_SCF " + tolScf + " must be positive");
        }
        for (String s : new String[] {exchangeCorrelation, smearingType, mixingVariable, mixingPrecond}) {
            if (s == null || !s.matches("[A-Za-z0-9_]+")) {
                throw new InvalidInputException("SPARC setting '" + s + "' must be a word");
            }
        }
        pseudopotentials = Map.copyOf(pseudopotentials);
    }

    /** Same settings with another mesh spacing (Bohr). */
    public SparcSettings withMeshSpacing(double s) {
        return new SparcSettings(s, vacuum, kpointAxialLength, helicalKpoints, exchangeCorrelation, smearingType,
                smearing, tolScf, mixingVariable, mixingPrecond, pseudopotentials, md);
    }

    /** Same settings with a fixed eta (0 = rule). */
    public SparcSettings withHelicalKpoints(int eta) {
        return new SparcSettings(meshSpacing, vacuum, kpointAxialLength, eta, exchangeCorrelation, smearingType,
                smearing, tolScf, mixingVariable, mixingPrecond, pseudopotentials, md);
    }

    /** Same settings with molecular dynamics (null: single point). */
    public SparcSettings withMd(Md newMd) {
        return new SparcSettings(meshSpacing, vacuum, kpointAxialLength, helicalKpoints, exchangeCorrelation,
                smearingType, smearing, tolScf, mixingVariable, mixingPrecond, pseudopotentials, newMd);
    }

    /** Same settings with another radial vacuum (Bohr). */
    public SparcSettings withVacuum(double v) {
        return new SparcSettings(meshSpacing, v, kpointAxialLength, helicalKpoints, exchangeCorrelation, smearingType,
                smearing, tolScf, mixingVariable, mixingPrecond, pseudopotentials, md);
    }

    /** eta for helical period h (Bohr): the fixed value, or ceil(kpointAxialLength / h). */
    public int helicalKpointsFor(double h) {
        return helicalKpoints > 0 ? helicalKpoints : Math.max(1, ceil(kpointAxialLength / h));
    }

    /** ceil with a relative guard of 1e-9 so that an exact ratio (15 / 0.3) is not pushed up by round-off. */
    static int ceil(double x) {
        return (int) Math.ceil(x - 1e-9 * Math.max(1.0, Math.abs(x)));
    }
}
