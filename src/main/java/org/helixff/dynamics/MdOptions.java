package org.helixff.dynamics;

import org.helixff.InvalidInputException;
import org.helixff.Units;

/**
 * Settings of a molecular-dynamics run. Time step and friction are given in femtoseconds at this edge
 * and converted to atomic units of time (hbar / Hartree, {@link Units#FS_PER_AU_TIME}) inside.
 *
 * @param timestepFs    time step, fs, in (0, 10]
 * @param temperatureK  target temperature of the thermostat and of the initial velocities, K, >= 0
 * @param thermostat    {@link Thermostat#NONE} (NVE) or {@link Thermostat#LANGEVIN} (NVT)
 * @param frictionPerFs Langevin friction gamma, 1/fs, > 0 (used only with the Langevin thermostat;
 *                      1/gamma is the velocity relaxation time)
 * @param seed          seed of the initial velocities and of the Langevin noise
 * @param axial         axial-stress coupling of a symmetric tube (h as a dynamical variable), or null for
 *                      a fixed screw shift h
 */
public record MdOptions(double timestepFs, double temperatureK, Thermostat thermostat, double frictionPerFs, long seed,
        Axial axial) {

    /** Default friction: 0.01 / fs (velocity relaxation time 100 fs). */
    public static final double DEFAULT_FRICTION_PER_FS = 0.01;
    /** Default piston mass of the axial coupling, in units of the motif's total mass. */
    public static final double DEFAULT_PISTON_MASS_FACTOR = 10.0;

    /**
     * Axial-stress coupling (symmetric tubes only): the screw shift h becomes a coordinate with mass
     * {@code pistonMass} (electron masses) and the extended Hamiltonian per motif
     * H = K_atoms + W hdot^2 / 2 + E(motif, h) - (T / N) h, where T is the applied axial tension on the
     * whole tube (N motifs per length h: the tube length per motif is h / N). The screw angle alpha is
     * kept. Equations of motion: m xddot = F (symmetric forces at fixed h), W hddot = -dE/dh + T / N, so
     * velocity Verlet / BAOAB apply unchanged; with the Langevin thermostat h gets the same friction and
     * noise (a Langevin piston), which samples the isotension-isothermal ensemble
     * exp(-(E - T L) / kT) dx dh.
     *
     * @param tension    applied axial tension T on the tube, Ha/Bohr (positive stretches; 0: stress-free)
     * @param pistonMass W, electron masses, > 0
     */
    public record Axial(double tension, double pistonMass) {
        public Axial {
            if (!Double.isFinite(tension)) {
                throw new InvalidInputException("axial tension " + tension + " Ha/Bohr is not finite");
            }
            if (!(pistonMass > 0) || !Double.isFinite(pistonMass)) {
                throw new InvalidInputException("piston mass " + pistonMass + " m_e must be positive");
            }
        }
    }

    /** Highest accepted temperature, K: twice the ~5000 K at which graphitic carbon sublimates. */
    public static final double MAX_TEMPERATURE_K = 10_000;

    public MdOptions {
        if (!(timestepFs > 0 && timestepFs <= 10)) {
            throw new InvalidInputException("time step " + timestepFs + " fs must lie in (0, 10]");
        }
        if (!(temperatureK >= 0) || !(temperatureK <= MAX_TEMPERATURE_K)) {
            throw new InvalidInputException("temperature " + temperatureK + " K must lie in [0, " + MAX_TEMPERATURE_K
                    + "] (carbon nanotubes decompose far below the upper end)");
        }
        if (thermostat == null) {
            throw new InvalidInputException("thermostat must be given (none or langevin)");
        }
        if (!(frictionPerFs > 0) || !Double.isFinite(frictionPerFs)) {
            throw new InvalidInputException("Langevin friction " + frictionPerFs + " 1/fs must be positive");
        }
    }

    /** 0.5 fs, 300 K, NVE, friction 0.01/fs, seed 1, fixed h: {@code builder().build()}. */
    public static MdOptions defaults() {
        return builder().build();
    }

    /** A builder holding the defaults (the one place they are written). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The time step in atomic units of time. */
    public double timestepAu() {
        return timestepFs / Units.FS_PER_AU_TIME;
    }

    /** The friction in inverse atomic units of time. */
    public double frictionAu() {
        return frictionPerFs * Units.FS_PER_AU_TIME;
    }

    /** Builds {@link MdOptions}; the setters name the record's components, {@link #build()} validates. */
    public static final class Builder {
        private double timestepFs = 0.5;
        private double temperatureK = 300.0;
        private Thermostat thermostat = Thermostat.NONE;
        private double frictionPerFs = DEFAULT_FRICTION_PER_FS;
        private long seed = 1L;
        private Axial axial = null;

        private Builder() {
        }

        private Builder(MdOptions o) {
            timestepFs = o.timestepFs;
            temperatureK = o.temperatureK;
            thermostat = o.thermostat;
            frictionPerFs = o.frictionPerFs;
            seed = o.seed;
            axial = o.axial;
        }

        /** Time step, fs, in (0, 10]. */
        public Builder timestepFs(double value) {
            timestepFs = value;
            return this;
        }

        /** Target temperature, K, in [0, {@link MdOptions#MAX_TEMPERATURE_K}]. */
        public Builder temperatureK(double value) {
            temperatureK = value;
            return this;
        }

        /** {@link Thermostat#NONE} (NVE) or {@link Thermostat#LANGEVIN} (NVT). */
        public Builder thermostat(Thermostat value) {
            thermostat = value;
            return this;
        }

        /** Langevin friction, 1/fs, > 0. */
        public Builder frictionPerFs(double value) {
            frictionPerFs = value;
            return this;
        }

        /** Seed of the initial velocities and of the Langevin noise. */
        public Builder seed(long value) {
            seed = value;
            return this;
        }

        /** Axial-stress coupling, or null for a fixed screw shift h. */
        public Builder axial(Axial value) {
            axial = value;
            return this;
        }

        /**
         * The settings.
         *
         * @throws InvalidInputException when a value lies outside its range (see the record's constructor)
         */
        public MdOptions build() {
            return new MdOptions(timestepFs, temperatureK, thermostat, frictionPerFs, seed, axial);
        }
    }
}
