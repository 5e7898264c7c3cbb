package org.helixff.interop;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.helixff.calculator.Calculator;
import org.helixff.calculator.CellResult;
import org.helixff.cli.Main;
import org.helixff.io.ipi.IpiWire;
import org.helixff.structure.Nanotube;
import org.helixff.structure.Structure;
import org.helixff.symmetry.SymmetricStructure;
import org.helixff.teacher.Teachers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code helixff ipi} against a driver written here from the protocol description (a second, independent
 * implementation of the driver side): what comes back over the socket must be bit for bit the in-process full-cell
 * result (the wire carries raw doubles), and every way a session can end must end it with the documented exit
 * code and one line. ASE's own driver is exercised in {@link AseSocketTest}.
 */
class IpiClientTest {
    /** Raw doubles cross the socket: no tolerance. */
    private static final double WIRE_EXACT = 0.0;
    /** 3-D periodic with vacuum vs isolated: the same neighbours, summed in another order. */
    private static final double ROUND_OFF = 1e-13;
    /** A session must end this soon after the driver's last action (seconds); generous for a loaded machine. */
    private static final long END_SECONDS = 60;

    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void shutdown() {
        pool.shutdownNow();
    }

    private record Run(int code, String out, String err) {
    }

    private Future<Run> startCli(String... args) {
        return pool.submit(() -> {
            StringWriter o = new StringWriter();
            StringWriter e = new StringWriter();
            int code = Main.run(args, new PrintWriter(o), new PrintWriter(e));
            return new Run(code, o.toString(), e.toString());
        });
    }

    private static Structure defected(long seed) {
        Structure s = SymmetricStructure.fromTube(Nanotube.of(10, 10)).expand(2);
        int n = s.size() - 1;
        String[] sp = new String[n];
        double[] p = new double[3 * n];
        double[] p0 = s.positions();
        Random r = new Random(seed);
        for (int i = 0; i < n; i++) {
            sp[i] = "C";
            for (int d = 0; d < 3; d++) {
                p[3 * i + d] = p0[3 * (i + 1) + d] + 0.05 * r.nextGaussian();
            }
        }
        return new Structure(sp, p, s.cell(), s.pbc());
    }

    private static String status(IpiWire w) throws Exception {
        w.writeHeader("STATUS");
        return w.readHeader().orElseThrow();
    }

    private static double[] inverseTransposed(double[] c) {
        // only diagonal cells are sent here
        return new double[] {1 / c[0], 0, 0, 0, 1 / c[4], 0, 0, 0, 1 / c[8]};
    }

    @Test
    void unixSocketSessionReturnsTheInProcessResultsExactlyAndEndsOnExit() throws Exception {
        Path sock = Files.createTempDirectory("ipi").resolve("s");
        Calculator calc = Teachers.byName("tersoff-lb");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(sock));
            Future<Run> cli = startCli("ipi", "--unix", sock.toString(), "--model", "tersoff-lb");
            try (SocketChannel ch = server.accept()) {
                IpiWire w = new IpiWire(ch);
                assertEquals("NEEDINIT", status(w));
                w.writeHeader("INIT");
                ByteBuffer init = ByteBuffer.allocate(9).order(ByteOrder.nativeOrder()).putInt(0).putInt(1).put((byte) 0);
                init.flip();
                ch.write(init);
                assertEquals("READY", status(w));
                for (long seed = 1; seed <= 3; seed++) {
                    Structure s = defected(seed);
                    w.writePosData(s.cell(), inverseTransposed(s.cell()), s.positions());
                    assertEquals("HAVEDATA", status(w));
                    w.writeHeader("GETFORCE");
                    assertEquals("FORCEREADY", w.readHeader().orElseThrow());
                    IpiWire.ForceData fd = w.readForces();
                    // the cell's lateral vectors are non-zero, so the client treats it as 3-D periodic; the
                    // lateral vacuum (2 x 15 Bohr) exceeds the cutoff, so that is the isolated tube
                    CellResult ref = calc.compute(new Structure(s.species(), s.positions(), s.cell(),
                            new boolean[] {true, true, true}));
                    CellResult isolated = calc.compute(s);
                    assertEquals(isolated.energy(), ref.energy(), ROUND_OFF * Math.abs(ref.energy()));
                    assertEquals(ref.energy(), fd.energy(), WIRE_EXACT);
                    assertArrayEquals(ref.forces(), fd.forces(), WIRE_EXACT);
                    assertArrayEquals(ref.virial(), fd.virial(), WIRE_EXACT);
                    assertEquals("READY", status(w));
                }
                w.writeHeader("EXIT");
            }
            Run r = cli.get(END_SECONDS, TimeUnit.SECONDS);
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("driver sent EXIT): 3 configurations"), r.out());
        }
    }

    @Test
    void tcpDriverThatClosesBetweenMessagesEndsTheSessionCleanly() throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            Future<Run> cli = startCli("ipi", "--address", "127.0.0.1:" + port, "--model", "tersoff");
            try (SocketChannel ch = server.accept()) {
                IpiWire w = new IpiWire(ch);
                Structure s = defected(7);
                w.writePosData(s.cell(), inverseTransposed(s.cell()), s.positions());
                w.writeHeader("GETFORCE");
                assertEquals("FORCEREADY", w.readHeader().orElseThrow());
                assertEquals(Teachers.byName("tersoff").compute(s).energy(), w.readForces().energy(), WIRE_EXACT);
            }
            Run r = cli.get(END_SECONDS, TimeUnit.SECONDS);
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("driver closed the connection): 1 configurations"), r.out());
        }
    }

    private Run failingSession(String[] extraArgs, DriverAction action) throws Exception {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
            String[] args = new String[4 + extraArgs.length];
            args[0] = "ipi";
            args[1] = "--address";
            args[2] = "127.0.0.1:" + port;
            args[3] = "--model=tersoff";
            System.arraycopy(extraArgs, 0, args, 4, extraArgs.length);
            Future<Run> cli = startCli(args);
            try (SocketChannel ch = server.accept()) {
                action.act(ch, new IpiWire(ch));
                Run r = cli.get(END_SECONDS, TimeUnit.SECONDS);
                // the client closed its end: the driver sees end of stream
                assertEquals(-1, ch.read(ByteBuffer.allocate(1)), "client closed its end");
                return r;
            }
        }
    }

    private interface DriverAction {
        void act(SocketChannel ch, IpiWire w) throws Exception;
    }

    private static void assertOneLineError(Run r, String fragment) {
        assertEquals(2, r.code(), r.err());
        String[] lines = r.err().strip().split("\n");
        String last = lines[lines.length - 1];
        assertTrue(last.startsWith("helixff: error: ") && last.contains(fragment), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    void driverVanishingInsideAMessageIsOneLineAndExitTwo() throws Exception {
        Run r = failingSession(new String[0], (ch, w) -> {
            w.writeHeader("POSDATA");
            ch.write(ByteBuffer.wrap(new byte[40]));
            ch.shutdownOutput();
        });
        assertOneLineError(r, "closed the connection in the middle of POSDATA");
    }

    @Test
    void wrongAtomCountAgainstTheTemplateIsOneLineAndExitTwo(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        Path tpl = dir.resolve("t.extxyz");
        org.helixff.io.ExtXyz.write(tpl, java.util.List.of(org.helixff.io.Frame.of(defected(1))));
        Structure wrong = SymmetricStructure.fromTube(Nanotube.of(10, 10)).expand(2);
        Run r = failingSession(new String[] {"--structure", tpl.toString()}, (ch, w) ->
                w.writePosData(wrong.cell(), inverseTransposed(wrong.cell()), wrong.positions()));
        assertOneLineError(r, "sent 80 atoms, but the template structure has 79");
    }

    @Test
    void unknownMessageIsOneLineAndExitTwo() throws Exception {
        Run r = failingSession(new String[0], (ch, w) -> w.writeHeader("HELLO"));
        assertOneLineError(r, "unknown message 'HELLO'");
    }

    @Test
    void wrongElementInTheTemplateAndNoDriverAreOneLine(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path tpl = dir.resolve("si.extxyz");
        Files.writeString(tpl, "1\nLattice=\"10 0 0 0 10 0 0 0 10\" Properties=species:S:1:pos:R:3 pbc=\"T T T\"\n"
                + "Si 0 0 0\n", StandardCharsets.UTF_8);
        Run r = startCli("ipi", "--unix", "/nonexistent/x", "--structure", tpl.toString(), "--model", "tersoff")
                .get(END_SECONDS, TimeUnit.SECONDS);
        assertOneLineError(r, "atom 0 is Si");
        Run none = startCli("ipi", "--unix", dir.resolve("nobody").toString(), "--connect-timeout", "0.3",
                "--model", "tersoff").get(END_SECONDS, TimeUnit.SECONDS);
        assertOneLineError(none, "cannot connect to the i-PI driver");
    }
}
