package org.helixff.cli;

import java.io.PrintWriter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.helixff.HelixException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code helixff} command line. Each subcommand is a class of its own in this package that parses
 * its options, calls the library and prints; no physics lives here. Exit codes: 0 success, 2 bad input
 * or any library error (one line on stderr, no stack trace), 1 an unexpected internal error.
 */
@Command(name = "helixff", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Symmetry-informed machine-learned force field for carbon nanotubes.",
        subcommands = {
            TubeCommand.class,
            ExpandCommand.class,
            ReadCommand.class,
            EnergyCommand.class,
            RelaxCommand.class,
            LabelCommand.class,
            TrainCommand.class,
            TestCommand.class,
            PhononsCommand.class,
            ModesCommand.class,
            DemoCommand.class,
            BackendCommand.class,
            MdCommand.class,
            LearnCommand.class,
            SelectCommand.class,
            CvCommand.class,
            BenchCommand.class,
            IpiCommand.class,
            AnalyzeCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {
    /** Exit code for bad input and library errors. */
    public static final int EXIT_USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static volatile boolean stderrTerminal;

    /** True when the process's stderr is a terminal (set by {@link #main}; false for {@link #run} from tests). */
    static boolean stderrIsTerminal() {
        return stderrTerminal;
    }

    /** Whether fd 2 is a terminal: its /proc link on Linux; elsewhere whether the JVM has a console. */
    private static boolean detectStderrTerminal() {
        try {
            java.nio.file.Path fd2 = java.nio.file.Path.of("/proc/self/fd/2");
            if (java.nio.file.Files.isSymbolicLink(fd2)) {
                String t = java.nio.file.Files.readSymbolicLink(fd2).toString();
                return t.startsWith("/dev/pts/") || t.startsWith("/dev/tty");
            }
        } catch (java.io.IOException | SecurityException | UnsupportedOperationException e) {
            // fall through
        }
        return System.console() != null;
    }

    public static void main(String[] args) {
        stderrTerminal = detectStderrTerminal();
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI with the given streams and returns the exit code (used by tests). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        configureLogging();
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            Throwable t = ex;
            while (!(t instanceof HelixException) && t.getCause() != null && t.getCause() != t) {
                t = t.getCause();
            }
            if (t instanceof HelixException) {
                commandLine.getErr().println("helixff: error: " + oneLine(t.getMessage()));
                return EXIT_USAGE;
            }
            commandLine.getErr().println("helixff: internal error: " + oneLine(String.valueOf(ex)));
            return 1;
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("helixff: error: " + oneLine(ex.getMessage()));
            return EXIT_USAGE;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * Library log records (System.Logger, backed by java.util.logging) as one plain line each on stderr,
     * "helixff: note: ..." (INFO) or "helixff: warning: ..." (WARNING and above), without timestamps or class names;
     * left alone when the user configured java.util.logging through its system properties.
     */
    static synchronized void configureLogging() {
        if (System.getProperty("java.util.logging.config.file") != null
                || System.getProperty("java.util.logging.config.class") != null) {
            return;
        }
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            if (h instanceof PlainHandler) {
                return;
            }
            root.removeHandler(h);
        }
        root.addHandler(new PlainHandler());
        root.setLevel(Level.INFO);
    }

    /** --quiet: notes off (warnings and errors stay), or back on. */
    static void quietLogging(boolean quiet) {
        Logger.getLogger("").setLevel(quiet ? Level.WARNING : Level.INFO);
    }

    /** One line per record on the current System.err. */
    private static final class PlainHandler extends Handler {
        @Override
        public void publish(LogRecord r) {
            if (r == null || !isLoggable(r) || r.getLevel().intValue() < Logger.getLogger("").getLevel().intValue()) {
                return;
            }
            String msg = new SimpleFormatter().formatMessage(r);
            String kind = r.getLevel().intValue() >= Level.WARNING.intValue() ? "warning: " : "note: ";
            System.err.println("helixff: " + kind + oneLine(msg));
            System.err.flush();
        }

        @Override
        public void flush() {
            System.err.flush();
        }

        @Override
        public void close() {
        }
    }

    static String oneLine(String s) {
        return s == null ? "(no message)"
                : org.helixff.Messages.printable(s.replace('\n', ' ').replace('\r', ' ').trim());
    }

    /** Version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"helixff " + (v == null ? "(development build)" : v)};
        }
    }
}
