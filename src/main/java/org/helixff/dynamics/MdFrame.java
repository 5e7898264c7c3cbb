package org.helixff.dynamics;

import java.util.Optional;
import org.helixff.calculator.UncertaintyCalculator.Uncertainty;
import org.helixff.io.AtomColumn;
import org.helixff.io.Frame;
import org.helixff.io.InfoValue;
import org.helixff.structure.Structure;
import org.helixff.symmetry.SymmetricStructure;

/**
 * One instant of a molecular-dynamics run (immutable; arrays are copied in and out). Energies are per
 * motif for a symmetric tube and per cell for a full cell (Hartree); the per-atom accessors divide by
 * {@link #atoms()}. Velocities in Bohr per atomic unit of time (1 au = 21.877 A/fs).
 *
 * <p>{@link #totalEnergy()} = kinetic + potential (+ piston kinetic W hdot^2/2 - T h / N with axial
 * coupling); {@link #conservedEnergy()} = total minus the energy the Langevin bath has put in so far
 * ({@link #thermostatHeat()}): it is a constant of the exact dynamics in NVE and NVT alike, so its drift
 * measures the integration error.
 */
public final class MdFrame {
    /** Info key of the velocity units written with the {@code velocities} column. */
    public static final String VELOCITY_UNITS = "bohr_per_atomic_time";

    private final long step;
    private final double timeFs;
    private final SymmetricStructure symmetric;
    private final Structure cell;
    private final double[] velocities;
    private final ForceSample sample;
    private final double kinetic;
    private final double temperature;
    private final double total;
    private final double heat;
    private final double hVelocity;
    private final int degreesOfFreedom;

    MdFrame(long step, double timeFs, SymmetricStructure symmetric, Structure cell, double[] velocities,
            ForceSample sample, double kinetic, double temperature, double total, double heat, double hVelocity,
            int degreesOfFreedom) {
        this.step = step;
        this.timeFs = timeFs;
        this.symmetric = symmetric;
        this.cell = cell;
        this.velocities = velocities.clone();
        this.sample = sample;
        this.kinetic = kinetic;
        this.temperature = temperature;
        this.total = total;
        this.heat = heat;
        this.hVelocity = hVelocity;
        this.degreesOfFreedom = degreesOfFreedom;
    }

    /** Step number (0 = the start). */
    public long step() {
        return step;
    }

    /** Simulated time, fs. */
    public double timeFs() {
        return timeFs;
    }

    public boolean isSymmetric() {
        return symmetric != null;
    }

    /** The tube (symmetric runs). */
    public Optional<SymmetricStructure> symmetric() {
        return Optional.ofNullable(symmetric);
    }

    /** The cell (full-cell runs). */
    public Optional<Structure> cell() {
        return Optional.ofNullable(cell);
    }

    /** Motif atoms or cell atoms. */
    public int atoms() {
        return velocities.length / 3;
    }

    /** Velocities, 3 per atom, Bohr per atomic unit of time. */
    public double[] velocities() {
        return velocities.clone();
    }

    /** Forces, 3 per atom, Ha/Bohr (symmetry-adapted for a tube). */
    public double[] forces() {
        return sample.forces();
    }

    /** The force field's output at this instant (energy, forces, dE/dh, uncertainty, source). */
    public ForceSample sample() {
        return sample;
    }

    /** Potential energy per motif (tube) or per cell, Hartree. */
    public double potentialEnergy() {
        return sample.energy();
    }

    /** Kinetic energy of the atoms per motif (tube) or per cell, Hartree. */
    public double kineticEnergy() {
        return kinetic;
    }

    /** Kinetic temperature 2 K / (DOF k_B), K. */
    public double temperature() {
        return temperature;
    }

    /** Degrees of freedom used for the temperature. */
    public int degreesOfFreedom() {
        return degreesOfFreedom;
    }

    /** Kinetic + potential (+ piston terms), Hartree per motif or per cell. */
    public double totalEnergy() {
        return total;
    }

    /** Energy the bath has put in since the start (negative when it took energy out), Hartree. */
    public double thermostatHeat() {
        return heat;
    }

    /** Total energy minus the bath's heat: conserved by the exact dynamics, Hartree. */
    public double conservedEnergy() {
        return total - heat;
    }

    public double potentialEnergyPerAtom() {
        return sample.energy() / atoms();
    }

    public double conservedEnergyPerAtom() {
        return conservedEnergy() / atoms();
    }

    public double totalEnergyPerAtom() {
        return total / atoms();
    }

    /** dh/dt with axial coupling, Bohr per atomic unit of time; NaN without. */
    public double hVelocity() {
        return hVelocity;
    }

    /** The uncertainty of a learned model at this instant, if computed. */
    public Optional<Uncertainty> uncertainty() {
        return Optional.ofNullable(sample.uncertainty());
    }

    /** The same frame with an uncertainty attached. */
    public MdFrame withUncertainty(Uncertainty u) {
        return new MdFrame(step, timeFs, symmetric, cell, velocities, sample.withUncertainty(u), kinetic, temperature,
                total, heat, hVelocity, degreesOfFreedom);
    }

    /**
     * The frame as an extxyz frame: energy (per motif / per cell) and forces, a {@code velocities:R:3}
     * column (Bohr per atomic unit of time, info {@code velocity_units}), and info {@code step},
     * {@code time_fs}, {@code temperature_K}, {@code kinetic_energy_per_atom_ha},
     * {@code conserved_energy_per_atom_ha}, {@code source}; with axial coupling
     * {@code h_velocity_bohr_per_atomic_time}; with an uncertainty {@code energy_sigma_ha_per_atom},
     * {@code energy_sigma_epistemic_ha_per_atom}, {@code force_sigma_max_epistemic_ha_per_bohr} and a
     * {@code force_sigma_epistemic:R:3} column (Ha/Bohr).
     */
    public Frame toFrame() {
        Frame f = symmetric != null ? Frame.of(symmetric) : Frame.of(cell);
        f = f.withEnergy(sample.energy()).withForces(sample.forcesView())
                .withColumn(AtomColumn.reals("velocities", 3, velocities))
                .withInfo("step", new InfoValue.Int(step))
                .withInfo("time_fs", new InfoValue.Real(timeFs))
                .withInfo("temperature_K", new InfoValue.Real(temperature))
                .withInfo("kinetic_energy_per_atom_ha", new InfoValue.Real(kinetic / atoms()))
                .withInfo("conserved_energy_per_atom_ha", new InfoValue.Real(conservedEnergyPerAtom()))
                .withInfo("velocity_units", new InfoValue.Text(VELOCITY_UNITS))
                .withInfo("source", new InfoValue.Text(sample.source()));
        if (!Double.isNaN(hVelocity)) {
            f = f.withInfo("h_velocity_bohr_per_atomic_time", new InfoValue.Real(hVelocity));
        }
        Uncertainty u = sample.uncertainty();
        if (u != null) {
            f = f.withInfo("energy_sigma_ha_per_atom", new InfoValue.Real(u.energyPerAtom()))
                    .withInfo("energy_sigma_epistemic_ha_per_atom", new InfoValue.Real(u.energyPerAtomEpistemic()))
                    .withInfo("force_sigma_max_epistemic_ha_per_bohr", new InfoValue.Real(u.maxForceEpistemic()))
                    .withColumn(AtomColumn.reals("force_sigma_epistemic", 3, u.forcesEpistemic()));
        }
        return f;
    }
}
