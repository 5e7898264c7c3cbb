package org.helixff.io.ipi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The i-PI wire format (the socket protocol of i-PI and of ASE's {@code SocketIOCalculator}), one side of a
 * connection. Facts of the protocol, from the i-PI and ASE documentation:
 *
 * <ul>
 * <li>a header is 12 ASCII bytes, the word padded with blanks: STATUS, READY, NEEDINIT, HAVEDATA, INIT, POSDATA,
 * GETFORCE, FORCEREADY, EXIT;</li>
 * <li>numbers are raw 4-byte integers and 8-byte IEEE doubles in the machine's byte order (little-endian on every
 * machine that runs i-PI in practice; this class uses the native order);</li>
 * <li>POSDATA: cell matrix (9 doubles), its inverse (9 doubles), natoms (int), positions (3 natoms doubles), all in
 * atomic units (Bohr); the cell goes as the transpose of the row-major matrix whose rows are the lattice vectors
 * (that is, lattice vectors as columns);</li>
 * <li>FORCEREADY: energy (double, Hartree), natoms (int), forces (3 natoms doubles, Hartree/Bohr), virial (9 doubles,
 * Hartree, transposed like the cell), number of extra bytes (int) and those bytes;</li>
 * <li>INIT: bead index (int), length (int) and that many bytes of initialisation string.</li>
 * </ul>
 *
 * <p>Works on any blocking {@link ByteChannel} (TCP and UNIX-domain {@code SocketChannel}s). Not thread-safe.
 */
public final class IpiWire {
    /** Length of a header in bytes. */
    public static final int HEADER_LENGTH = 12;
    /** Largest atom count accepted in a POSDATA message (guards the allocation against a corrupt stream). */
    public static final int MAX_ATOMS = 50_000_000;
    /** Largest INIT string accepted, bytes. */
    public static final int MAX_INIT_BYTES = 1 << 24;

    private final ByteChannel channel;

    /** Positions of one POSDATA message, atomic units. */
    public record PosData(double[] cell, double[] positions) {
        /** Atoms in the message. */
        public int atoms() {
            return positions.length / 3;
        }
    }

    /** @param channel an open, blocking channel to the peer */
    public IpiWire(ByteChannel channel) {
        this.channel = channel;
    }

    /**
     * Reads the next header.
     *
     * @return the word without padding, or empty when the peer closed the connection cleanly before a header
     * @throws IpiException when the connection ends inside a header, or for non-ASCII bytes
     */
    public Optional<String> readHeader() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(HEADER_LENGTH);
        int first = channel.read(b);
        if (first < 0) {
            return Optional.empty();
        }
        fill(b, "a message header");
        byte[] raw = b.array();
        for (byte x : raw) {
            if (x < 0) {
                throw new IpiException("i-PI peer sent a header with non-ASCII bytes: not an i-PI driver?");
            }
        }
        return Optional.of(new String(raw, StandardCharsets.US_ASCII).trim());
    }

    /** Writes a header (the word padded with blanks to 12 bytes). */
    public void writeHeader(String word) throws IOException {
        byte[] w = word.getBytes(StandardCharsets.US_ASCII);
        if (w.length > HEADER_LENGTH) {
            throw new IllegalArgumentException("header '" + word + "' is longer than 12 bytes");
        }
        ByteBuffer b = ByteBuffer.allocate(HEADER_LENGTH);
        b.put(w);
        while (b.hasRemaining()) {
            b.put((byte) ' ');
        }
        b.flip();
        writeFully(b);
    }

    /**
     * Reads the body of a POSDATA message (after its header).
     *
     * @return the cell as 9 numbers, row-major with lattice vectors as rows (Bohr), and the positions (Bohr)
     * @throws IpiException when the peer vanishes inside the message or sends an impossible atom count
     */
    public PosData readPosData() throws IOException {
        ByteBuffer head = read(8 * 18 + 4, "POSDATA (cell)");
        double[] wire = new double[9];
        for (int i = 0; i < 9; i++) {
            wire[i] = head.getDouble();
        }
        for (int i = 0; i < 9; i++) {
            head.getDouble(); // inverse cell: recomputed where needed
        }
        int n = head.getInt();
        if (n <= 0 || n > MAX_ATOMS) {
            throw new IpiException("i-PI peer sent POSDATA with " + n + " atoms (need 1.." + MAX_ATOMS + ")");
        }
        ByteBuffer body = read(24L * n, "POSDATA (positions of " + n + " atoms)");
        double[] pos = new double[3 * n];
        for (int i = 0; i < pos.length; i++) {
            pos[i] = body.getDouble();
        }
        double[] cell = new double[9];
        for (int v = 0; v < 3; v++) {
            for (int d = 0; d < 3; d++) {
                cell[3 * v + d] = wire[3 * d + v];
            }
        }
        return new PosData(cell, pos);
    }

    /**
     * Reads the body of an INIT message (after its header) and returns the initialisation string's bytes.
     *
     * @throws IpiException when the peer vanishes inside the message or announces an impossible length
     */
    public byte[] readInit() throws IOException {
        ByteBuffer b = read(8, "INIT");
        b.getInt(); // bead index: one replica per connection here
        int len = b.getInt();
        if (len < 0 || len > MAX_INIT_BYTES) {
            throw new IpiException("i-PI peer sent INIT with a string of " + len + " bytes");
        }
        ByteBuffer s = read(len, "INIT (string)");
        return s.array();
    }

    /**
     * Writes a complete FORCEREADY message.
     *
     * @param energy energy of the cell, Hartree
     * @param forces 3 per atom, Hartree/Bohr
     * @param virial 3x3 row-major, Hartree (sent transposed, as the protocol wants)
     * @param extra  extra bytes (may be empty)
     */
    public void writeForces(double energy, double[] forces, double[] virial, byte[] extra) throws IOException {
        int n = forces.length / 3;
        ByteBuffer b = ByteBuffer.allocate(HEADER_LENGTH + 8 + 4 + 8 * forces.length + 72 + 4 + extra.length)
                .order(ByteOrder.nativeOrder());
        byte[] w = "FORCEREADY".getBytes(StandardCharsets.US_ASCII);
        b.put(w);
        for (int i = w.length; i < HEADER_LENGTH; i++) {
            b.put((byte) ' ');
        }
        b.putDouble(energy);
        b.putInt(n);
        for (double f : forces) {
            b.putDouble(f);
        }
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                b.putDouble(virial[3 * c + r]);
            }
        }
        b.putInt(extra.length);
        b.put(extra);
        b.flip();
        writeFully(b);
    }

    /** Writes a POSDATA message (driver side; used by tests and by anyone driving HelixFF from Java). */
    public void writePosData(double[] cell, double[] inverse, double[] positions) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(HEADER_LENGTH + 8 * 18 + 4 + 8 * positions.length)
                .order(ByteOrder.nativeOrder());
        byte[] w = "POSDATA".getBytes(StandardCharsets.US_ASCII);
        b.put(w);
        for (int i = w.length; i < HEADER_LENGTH; i++) {
            b.put((byte) ' ');
        }
        for (double[] m : new double[][] {cell, inverse}) {
            for (int r = 0; r < 3; r++) {
                for (int c = 0; c < 3; c++) {
                    b.putDouble(m[3 * c + r]);
                }
            }
        }
        b.putInt(positions.length / 3);
        for (double x : positions) {
            b.putDouble(x);
        }
        b.flip();
        writeFully(b);
    }

    /** Reads the body of a FORCEREADY message (driver side): energy, forces, virial (row-major), extra bytes. */
    public record ForceData(double energy, double[] forces, double[] virial, byte[] extra) {
    }

    /** Reads a FORCEREADY body (after its header); driver side. */
    public ForceData readForces() throws IOException {
        ByteBuffer b = read(12, "FORCEREADY");
        double e = b.getDouble();
        int n = b.getInt();
        if (n < 0 || n > MAX_ATOMS) {
            throw new IpiException("i-PI peer sent FORCEREADY with " + n + " atoms");
        }
        ByteBuffer f = read(24L * n + 72 + 4, "FORCEREADY (forces)");
        double[] forces = new double[3 * n];
        for (int i = 0; i < forces.length; i++) {
            forces[i] = f.getDouble();
        }
        double[] wire = new double[9];
        for (int i = 0; i < 9; i++) {
            wire[i] = f.getDouble();
        }
        double[] vir = new double[9];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                vir[3 * r + c] = wire[3 * c + r];
            }
        }
        int extra = f.getInt();
        if (extra < 0 || extra > MAX_INIT_BYTES) {
            throw new IpiException("i-PI peer sent FORCEREADY with " + extra + " extra bytes");
        }
        return new ForceData(e, forces, vir, read(extra, "FORCEREADY (extra bytes)").array());
    }

    private ByteBuffer read(long bytes, String what) throws IOException {
        if (bytes > Integer.MAX_VALUE) {
            throw new IpiException("i-PI message " + what + " of " + bytes + " bytes is too large");
        }
        ByteBuffer b = ByteBuffer.allocate((int) bytes).order(ByteOrder.nativeOrder());
        fill(b, what);
        b.flip();
        return b;
    }

    private void fill(ByteBuffer b, String what) throws IOException {
        while (b.hasRemaining()) {
            if (channel.read(b) < 0) {
                throw new IpiException("i-PI peer closed the connection in the middle of " + what + " ("
                        + b.position() + " of " + b.capacity() + " bytes received)");
            }
        }
    }

    private void writeFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }
}
