package org.helixff.interop;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ByteChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.LongConsumer;
import org.helixff.InvalidInputException;
import org.helixff.calculator.Calculator;
import org.helixff.calculator.CellResult;
import org.helixff.io.ipi.IpiException;
import org.helixff.io.ipi.IpiWire;
import org.helixff.structure.Structure;

/**
 * HelixFF as an i-PI force provider ("client" in i-PI's words): connects to a listening driver (i-PI, ASE's
 * {@code SocketIOCalculator}/{@code SocketServer}, any code speaking the protocol of {@link IpiWire}) and answers
 * every configuration with the full-cell energy, forces and virial of one {@link Calculator}, until the driver
 * sends EXIT or closes the connection. One process serves any number of configurations.
 *
 * <p>States, as in the protocol: NEEDINIT at the start (a driver may send INIT, or POSDATA straight away), READY
 * (waiting for positions), HAVEDATA (computed, waiting for GETFORCE). STATUS is answered with the current state.
 *
 * <p>The wire carries no elements and no periodicity: they come from a {@link Template} (species of every atom,
 * which directions are periodic). Without species every atom is carbon; without periodicity a direction is
 * periodic when its lattice vector is non-zero (i-PI's cells are always 3-D periodic; a lateral vacuum wider than
 * the cutoff makes that the same as an isolated tube).
 *
 * <p>Errors: a configuration with another atom count than the template's, non-finite coordinates or a degenerate
 * cell throw {@link InvalidInputException}; a peer that vanishes inside a message or breaks the protocol throws
 * {@link IpiException}. Either ends the session (the caller closes the channel, which the driver sees). A peer
 * that closes the connection between messages ends the session normally (ASE closes without EXIT).
 */
public final class IpiClient {
    private static final System.Logger LOG = System.getLogger(IpiClient.class.getName());
    /** Pause between connection attempts while the driver is not listening yet, milliseconds. */
    public static final long RETRY_MILLIS = 100;

    private IpiClient() {
    }

    /**
     * What the wire does not carry.
     *
     * @param species chemical symbol of every atom, or null (any atom count, all carbon)
     * @param pbc     periodic directions a, b, c, or null (periodic where the lattice vector is non-zero)
     */
    public record Template(String[] species, boolean[] pbc) {
        public Template {
            species = species == null ? null : species.clone();
            pbc = pbc == null ? null : pbc.clone();
            if (pbc != null && pbc.length != 3) {
                throw new InvalidInputException("i-PI template: pbc needs 3 flags");
            }
        }

        /** No template: all carbon, periodicity from the cell. */
        public static Template none() {
            return new Template(null, null);
        }

        @Override
        public String[] species() {
            return species == null ? null : species.clone();
        }

        @Override
        public boolean[] pbc() {
            return pbc == null ? null : pbc.clone();
        }
    }

    /**
     * How a session ended.
     *
     * @param configurations configurations evaluated
     * @param ending         "EXIT" (the driver asked) or "closed" (the driver closed the connection between
     *                       messages)
     */
    public record Summary(long configurations, String ending) {
    }

    /**
     * Connects to a TCP driver, retrying while nobody listens yet.
     *
     * @param host           host name or address
     * @param port           1..65535
     * @param timeoutSeconds give up after this long (>= 0)
     * @throws InvalidInputException for a bad port or when nobody accepts within the timeout
     */
    public static SocketChannel connectTcp(String host, int port, double timeoutSeconds) {
        if (port < 1 || port > 65535) {
            throw new InvalidInputException("i-PI port " + port + " is not in 1..65535");
        }
        InetSocketAddress a = new InetSocketAddress(host, port);
        if (a.isUnresolved()) {
            throw new InvalidInputException("i-PI host '" + host + "' cannot be resolved");
        }
        return connect(a, StandardProtocolFamily.INET, host + ":" + port, timeoutSeconds);
    }

    /**
     * Connects to a UNIX-domain driver socket, retrying while it does not exist yet.
     *
     * @param name           i-PI's socket name: the file is {@code /tmp/ipi_NAME} (i-PI's and ASE's convention);
     *                       a name starting with '/' is taken as the socket file itself
     * @param timeoutSeconds give up after this long (>= 0)
     * @throws InvalidInputException when nobody accepts within the timeout
     */
    public static SocketChannel connectUnix(String name, double timeoutSeconds) {
        Path p = unixSocketPath(name);
        return connect(UnixDomainSocketAddress.of(p), StandardProtocolFamily.UNIX, "UNIX socket " + p, timeoutSeconds);
    }

    /** The socket file of an i-PI UNIX socket name: {@code /tmp/ipi_NAME}, or NAME itself when absolute. */
    public static Path unixSocketPath(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("i-PI UNIX socket name is empty");
        }
        return name.startsWith("/") ? Path.of(name) : Path.of("/tmp/ipi_" + name);
    }

    private static SocketChannel connect(SocketAddress a, StandardProtocolFamily family, String what, double timeout) {
        if (!(timeout >= 0) || !Double.isFinite(timeout)) {
            throw new InvalidInputException("connection timeout " + timeout + " s must be >= 0");
        }
        long deadline = System.nanoTime() + (long) (timeout * 1e9);
        IOException last = null;
        while (true) {
            SocketChannel ch = null;
            try {
                ch = SocketChannel.open(family);
                ch.connect(a);
                LOG.log(System.Logger.Level.INFO, "connected to i-PI driver at " + what);
                return ch;
            } catch (IOException e) {
                last = e;
                closeQuietly(ch);
            }
            if (System.nanoTime() >= deadline) {
                String why = last instanceof ConnectException || last == null ? "nobody listening"
                        : String.valueOf(last.getMessage());
                throw new InvalidInputException("cannot connect to the i-PI driver at " + what + " within " + timeout
                        + " s (" + why + "): start the driver (i-PI, ASE SocketIOCalculator) first");
            }
            try {
                Thread.sleep(RETRY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InvalidInputException("interrupted while connecting to the i-PI driver at " + what);
            }
        }
    }

    private static void closeQuietly(SocketChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                // nothing to do
            }
        }
    }

    /**
     * Serves one driver until EXIT or a clean close.
     *
     * @param channel  the connection (not closed here)
     * @param calc     the force field
     * @param template elements and periodicity (see the class comment)
     * @param progress receives the number of configurations evaluated after each one (may be null)
     * @return how many configurations were evaluated and how the session ended
     * @throws InvalidInputException for a configuration the template or the calculator rejects
     * @throws IpiException          for a peer that breaks the protocol or vanishes inside a message
     * @throws IOException           for a failing connection
     */
    public static Summary serve(ByteChannel channel, Calculator calc, Template template, LongConsumer progress)
            throws IOException {
        IpiWire wire = new IpiWire(channel);
        String state = "NEEDINIT";
        CellResult result = null;
        long count = 0;
        while (true) {
            Optional<String> h = wire.readHeader();
            if (h.isEmpty()) {
                LOG.log(System.Logger.Level.INFO, "i-PI driver closed the connection after " + count
                        + " configurations");
                return new Summary(count, "closed");
            }
            String msg = h.get();
            switch (msg) {
                case "STATUS" -> wire.writeHeader(state);
                case "INIT" -> {
                    wire.readInit();
                    if (!state.equals("HAVEDATA")) {
                        state = "READY";
                    }
                }
                case "POSDATA" -> {
                    if (state.equals("HAVEDATA")) {
                        throw new IpiException("i-PI driver sent POSDATA before fetching the forces of the previous"
                                + " configuration (GETFORCE)");
                    }
                    IpiWire.PosData pd = wire.readPosData();
                    result = calc.compute(structure(pd, template));
                    checkFinite(result, count);
                    state = "HAVEDATA";
                }
                case "GETFORCE" -> {
                    if (result == null || !state.equals("HAVEDATA")) {
                        throw new IpiException("i-PI driver asked for forces (GETFORCE) before sending positions");
                    }
                    wire.writeForces(result.energy(), result.forces(), result.virial(), new byte[0]);
                    result = null;
                    state = "READY";
                    count++;
                    if (progress != null) {
                        progress.accept(count);
                    }
                }
                case "EXIT" -> {
                    LOG.log(System.Logger.Level.INFO, "i-PI driver sent EXIT after " + count + " configurations");
                    return new Summary(count, "EXIT");
                }
                default -> throw new IpiException("i-PI driver sent an unknown message '" + printable(msg)
                        + "' (expected STATUS, INIT, POSDATA, GETFORCE or EXIT)");
            }
        }
    }

    /** The structure of one POSDATA message under the template. */
    static Structure structure(IpiWire.PosData pd, Template t) {
        int n = pd.atoms();
        String[] sp = t.species();
        if (sp != null && sp.length != n) {
            throw new InvalidInputException("i-PI driver sent " + n + " atoms, but the template structure has "
                    + sp.length + ": the driver's system is not the one HelixFF was started for");
        }
        if (sp == null) {
            sp = new String[n];
            Arrays.fill(sp, "C");
        }
        double[] cell = pd.cell();
        boolean[] pbc = t.pbc();
        if (pbc == null) {
            pbc = new boolean[3];
            for (int v = 0; v < 3; v++) {
                pbc[v] = cell[3 * v] != 0 || cell[3 * v + 1] != 0 || cell[3 * v + 2] != 0;
            }
        }
        return new Structure(sp, pd.positions(), cell, pbc);
    }

    private static void checkFinite(CellResult r, long count) {
        boolean ok = Double.isFinite(r.energy());
        for (double f : r.forces()) {
            ok &= Double.isFinite(f);
        }
        if (!ok) {
            throw new InvalidInputException("configuration " + (count + 1) + ": the force field returned a non-finite"
                    + " energy or force (atoms on top of each other?)");
        }
    }

    private static String printable(String s) {
        return s.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
