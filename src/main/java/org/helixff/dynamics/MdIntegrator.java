package org.helixff.dynamics;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.helixff.HelixException;
import org.helixff.InvalidInputException;
import org.helixff.Units;

/**
 * The integrator shared by symmetric-tube and full-cell dynamics: velocity Verlet for NVE and the BAOAB
 * Langevin splitting for NVT (see {@link Thermostat}), one force evaluation per step, in atomic units
 * (Bohr, Hartree, electron masses, hbar/Hartree).
 *
 * <p>One step of length dt: B (v += dt/2 F/m), A (x += dt/2 v), O (Langevin only: v -> c1 v + c2
 * sqrt(kT/m) xi, c1 = exp(-gamma dt), c2 = sqrt(1 - c1^2)), A (x += dt/2 v), force evaluation,
 * B (v += dt/2 F/m). Without the O part this is exactly velocity Verlet (symplectic, time reversible).
 *
 * <p>Zero modes: the directions along which the energy does not change (rigid motions of the system, see
 * the subclasses) carry no restoring force. Initial velocities have no component along them and the
 * Langevin noise is projected off them (in mass-weighted coordinates, where the projection commutes with
 * the friction), so their momenta stay zero; forces of an invariant energy never excite them. The
 * temperature is 2 K / (DOF k_B) with DOF = 3 atoms - (number of zero modes).
 *
 * <p>Mutable and not thread-safe: one run per instance. The random stream (initial velocities and
 * noise) is seeded by {@link MdOptions#seed()}, so runs are reproducible.
 */
public abstract sealed class MdIntegrator permits SymmetricMd, CellMd {
    final MdOptions options;
    final int atoms;
    final double[] mass;
    final double[] x;
    final double[] v;
    final boolean axial;
    double h;
    double vh;
    final double pistonMass;
    final double tensionPerMotif;
    ForceSample sample;
    long step;
    double heat;
    final SplittableRandom random;
    private final double dt;
    private final double c1;
    private final double c2;
    private int dof;
    private long evaluations;

    MdIntegrator(MdOptions options, String[] species, double[] positions, double h, double tensionPerMotif) {
        if (options == null) {
            throw new InvalidInputException("molecular dynamics: options must be given");
        }
        this.options = options;
        this.atoms = species.length;
        this.mass = new double[atoms];
        for (int i = 0; i < atoms; i++) {
            mass[i] = massOf(species[i]);
        }
        this.x = positions.clone();
        this.v = new double[3 * atoms];
        this.axial = options.axial() != null;
        this.h = h;
        this.pistonMass = axial ? options.axial().pistonMass() : Double.NaN;
        this.tensionPerMotif = tensionPerMotif;
        this.random = new SplittableRandom(options.seed());
        this.dt = options.timestepAu();
        double gdt = options.frictionAu() * dt;
        this.c1 = Math.exp(-gdt);
        this.c2 = Math.sqrt(-Math.expm1(-2 * gdt));
    }

    /** Mass of an element in electron masses (carbon only: the calculators are carbon-only too). */
    public static double massOf(String element) {
        if ("C".equals(element)) {
            return Units.CARBON_MASS;
        }
        throw new InvalidInputException("no mass known for element '" + element + "' (only carbon, C)");
    }

    /** Zero modes at positions p: mass-weighted vectors (3 atoms long), not necessarily orthonormal. */
    abstract List<double[]> zeroModeCandidates(double[] p);

    /** The force field at positions p (and h, if axial), for step {@code s}. */
    abstract ForceSample evaluate(double[] p, double hNow, long s);

    /** The current instant as a frame. */
    abstract MdFrame frame();

    /** Sets the initial velocities (given, or Maxwell-Boltzmann) and evaluates the start. Subclasses call it last. */
    final void start(double[] velocities) {
        List<double[]> modes = zeroModes(x);
        dof = 3 * atoms - modes.size();
        if (velocities != null) {
            if (velocities.length != 3 * atoms) {
                throw new InvalidInputException("initial velocities: " + velocities.length + " components for "
                        + atoms + " atoms");
            }
            for (double c : velocities) {
                if (!Double.isFinite(c)) {
                    throw new InvalidInputException("initial velocities: non-finite component " + c);
                }
            }
            System.arraycopy(velocities, 0, v, 0, v.length);
        } else {
            maxwellBoltzmann(modes);
        }
        if (axial) {
            vh = 0;
        }
        sample = checked(evaluate(x, h, 0));
        evaluations++;
    }

    private ForceSample checked(ForceSample s) {
        if (s.forcesView().length != 3 * atoms) {
            throw new HelixException("force field '" + s.source() + "' returned " + s.forcesView().length
                    + " force components for " + atoms + " atoms");
        }
        if (axial && !Double.isFinite(s.dEdh())) {
            throw new InvalidInputException("force field '" + s.source() + "' gives no dE/dh: axial coupling needs it");
        }
        return s;
    }

    /** Velocities drawn from the Maxwell-Boltzmann distribution, zero modes removed, rescaled to exactly T. */
    private void maxwellBoltzmann(List<double[]> modes) {
        double kt = Units.KB_HARTREE_PER_K * options.temperatureK();
        double[] u = new double[3 * atoms];
        for (int i = 0; i < u.length; i++) {
            u[i] = random.nextGaussian();
        }
        project(u, modes);
        for (int i = 0; i < atoms; i++) {
            double s = Math.sqrt(kt / mass[i]);
            for (int c = 0; c < 3; c++) {
                v[3 * i + c] = s * u[3 * i + c];
            }
        }
        double t = temperatureOf(kinetic());
        if (t > 0 && options.temperatureK() > 0) {
            double f = Math.sqrt(options.temperatureK() / t);
            for (int i = 0; i < v.length; i++) {
                v[i] *= f;
            }
        } else {
            java.util.Arrays.fill(v, 0.0);
        }
    }

    /** Orthonormal zero modes (Gram-Schmidt; candidates with no independent part are dropped). */
    final List<double[]> zeroModes(double[] p) {
        List<double[]> out = new ArrayList<>();
        for (double[] c : zeroModeCandidates(p)) {
            double[] e = c.clone();
            double n0 = norm(e);
            for (double[] q : out) {
                double d = dot(e, q);
                for (int i = 0; i < e.length; i++) {
                    e[i] -= d * q[i];
                }
            }
            double n = norm(e);
            if (n > 1e-10 * Math.max(n0, 1e-300) && n > 0) {
                for (int i = 0; i < e.length; i++) {
                    e[i] /= n;
                }
                out.add(e);
            }
        }
        return out;
    }

    /** Removes the components of a mass-weighted vector u along the (orthonormal) modes. */
    static void project(double[] u, List<double[]> modes) {
        for (double[] e : modes) {
            double d = dot(u, e);
            for (int i = 0; i < u.length; i++) {
                u[i] -= d * e[i];
            }
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    /** Advances one time step and returns the new instant. */
    public final MdFrame step() {
        double half = 0.5 * dt;
        kick(half);
        drift(half);
        if (options.thermostat() == Thermostat.LANGEVIN) {
            bath();
        }
        drift(half);
        step++;
        sample = checked(evaluate(x, h, step));
        evaluations++;
        kick(half);
        return frame();
    }

    private void kick(double tau) {
        double[] f = sample.forcesView();
        for (int i = 0; i < atoms; i++) {
            double s = tau / mass[i];
            v[3 * i] += s * f[3 * i];
            v[3 * i + 1] += s * f[3 * i + 1];
            v[3 * i + 2] += s * f[3 * i + 2];
        }
        if (axial) {
            vh += tau * (-sample.dEdh() + tensionPerMotif) / pistonMass;
        }
    }

    private void drift(double tau) {
        for (int i = 0; i < x.length; i++) {
            x[i] += tau * v[i];
        }
        if (axial) {
            h += tau * vh;
            if (!(h > 0)) {
                throw new HelixException("axial coupling: the screw shift h became " + h
                        + " Bohr (unstable piston: increase the piston mass or reduce the time step)");
            }
        }
    }

    /** The exact Ornstein-Uhlenbeck update of the velocities (noise projected off the zero modes). */
    private void bath() {
        double before = kinetic() + pistonKinetic();
        double kt = Units.KB_HARTREE_PER_K * options.temperatureK();
        double[] u = new double[3 * atoms];
        for (int i = 0; i < u.length; i++) {
            u[i] = random.nextGaussian();
        }
        project(u, zeroModes(x));
        double skt = Math.sqrt(kt);
        for (int i = 0; i < atoms; i++) {
            double s = c2 * skt / Math.sqrt(mass[i]);
            for (int c = 0; c < 3; c++) {
                v[3 * i + c] = c1 * v[3 * i + c] + s * u[3 * i + c];
            }
        }
        if (axial) {
            vh = c1 * vh + c2 * Math.sqrt(kt / pistonMass) * random.nextGaussian();
        }
        heat += kinetic() + pistonKinetic() - before;
    }

    /** Kinetic energy of the atoms, Hartree (per motif or per cell). */
    final double kinetic() {
        double k = 0;
        for (int i = 0; i < atoms; i++) {
            double vx = v[3 * i];
            double vy = v[3 * i + 1];
            double vz = v[3 * i + 2];
            k += 0.5 * mass[i] * (vx * vx + vy * vy + vz * vz);
        }
        return k;
    }

    final double pistonKinetic() {
        return axial ? 0.5 * pistonMass * vh * vh : 0.0;
    }

    final double temperatureOf(double kineticEnergy) {
        return dof > 0 ? 2 * kineticEnergy / (dof * Units.KB_HARTREE_PER_K) : 0.0;
    }

    /** Kinetic + potential (+ piston kinetic - tension work). */
    final double totalEnergy() {
        double e = kinetic() + sample.energy();
        if (axial) {
            e += pistonKinetic() - tensionPerMotif * h;
        }
        return e;
    }

    /** The current instant. */
    public final MdFrame state() {
        return frame();
    }

    /** Degrees of freedom used for the temperature: 3 atoms - zero modes. */
    public final int degreesOfFreedom() {
        return dof;
    }

    /** Force evaluations so far (one per step plus the start). */
    public final long evaluations() {
        return evaluations;
    }

    /** Steps taken. */
    public final long steps() {
        return step;
    }

    public final MdOptions options() {
        return options;
    }

    /** Simulated time, fs. */
    final double timeFs() {
        return step * options.timestepFs();
    }

    /** Total momentum of the atoms (3 components, m_e Bohr / au time). */
    public final double[] momentum() {
        double[] p = new double[3];
        for (int i = 0; i < atoms; i++) {
            for (int c = 0; c < 3; c++) {
                p[c] += mass[i] * v[3 * i + c];
            }
        }
        return p;
    }

    /** Angular momentum of the atoms about the z axis through the origin (m_e Bohr^2 / au time). */
    public final double angularMomentumZ() {
        double l = 0;
        for (int i = 0; i < atoms; i++) {
            l += mass[i] * (x[3 * i] * v[3 * i + 1] - x[3 * i + 1] * v[3 * i]);
        }
        return l;
    }
}
