package org.helixff.io;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.helixff.FileFormatException;
import org.helixff.HelixException;
import org.helixff.InvalidInputException;

/**
 * Reads a text file line by line and keeps the 1-based number of the last line read, so that every
 * error names the file and the line ({@code "cnt.extxyz:14: expected 6 columns, found 4"}). Used by
 * every reader of the io layer. Numbers are parsed strictly: plain decimal notation with an optional
 * exponent ({@code 1}, {@code -2.5}, {@code .5}, {@code 1e-3}, {@code +1.0E+07}); hexadecimal, Java
 * suffixes ({@code 1d}), {@code NaN}, {@code inf} and overflow to infinity are rejected.
 *
 * <p>Files and streams must be UTF-8 (ASCII in practice); undecodable bytes are a format error on their
 * line. Lines end with LF or CRLF.
 */
public final class LineReader implements Closeable {
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d+");
    // unambiguous (no two ways to split a run of digits), so matching is linear even on hostile tokens
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    /** Longest token read as a number, characters (a double needs at most ~25; longer is not a number). */
    static final int MAX_NUMBER_CHARS = 400;
    private static final Pattern NON_FINITE = Pattern.compile("[+-]?(nan|inf|infinity)", Pattern.CASE_INSENSITIVE);

    /** Longest line accepted, bytes (extxyz comment lines of large cells are a few kB); an endless line stops here. */
    public static final int MAX_LINE_BYTES = 4 << 20;

    private final String name;
    private final BufferedReader in;
    private final InputStream bytes;
    private final byte[] chunk;
    private int chunkPos;
    private int chunkLen;
    private byte[] line = new byte[256];
    private int lineNumber;

    private LineReader(String name, Reader reader) {
        this.name = name;
        this.in = reader instanceof BufferedReader b ? b : new BufferedReader(reader, 1 << 16);
        this.bytes = null;
        this.chunk = null;
    }

    /** Byte source: lines are split on bytes and decoded one by one, so a bad byte is reported on its line. */
    private LineReader(String name, InputStream stream) {
        this.name = name;
        this.in = null;
        this.bytes = stream;
        this.chunk = new byte[1 << 16];
    }

    /**
     * Opens a file for reading.
     *
     * @param path the file; its name as given is used in error messages
     * @throws InvalidInputException if the file does not exist or is a directory
     * @throws HelixException        if it cannot be opened
     */
    public static LineReader open(Path path) {
        if (Files.isDirectory(path)) {
            throw new InvalidInputException("cannot read " + path + ": it is a directory");
        }
        try {
            return new LineReader(path.toString(), Files.newInputStream(path));
        } catch (NoSuchFileException e) {
            throw new InvalidInputException("cannot read " + path + ": no such file");
        } catch (IOException e) {
            throw new HelixException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** Reads from a stream (closed with this reader); {@code name} is used in error messages. */
    public static LineReader of(String name, InputStream stream) {
        return new LineReader(name, stream);
    }

    /** Reads from a character stream; {@code name} is used in error messages. */
    public static LineReader of(String name, Reader reader) {
        return new LineReader(name, reader);
    }

    /** Reads from a string; {@code name} is used in error messages. */
    public static LineReader ofText(String name, String text) {
        return new LineReader(name, new StringReader(text));
    }

    /** The source name used in messages. */
    public String name() {
        return name;
    }

    /** 1-based number of the last line returned by {@link #next()} (0 before the first). */
    public int lineNumber() {
        return lineNumber;
    }

    /** The next line without its terminator, or null at the end of the input. */
    public String next() {
        if (bytes != null) {
            return nextFromBytes();
        }
        try {
            String s = in.readLine();
            if (s != null) {
                lineNumber++;
            }
            return s;
        } catch (CharacterCodingException e) {
            throw new FileFormatException(name + ":" + (lineNumber + 1) + ": not UTF-8 text", e);
        } catch (IOException e) {
            throw new HelixException("cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    private String nextFromBytes() {
        int len = 0;
        boolean any = false;
        boolean ascii = true;
        try {
            while (true) {
                if (chunkPos == chunkLen) {
                    chunkLen = bytes.read(chunk, 0, chunk.length);
                    chunkPos = 0;
                    if (chunkLen <= 0) {
                        chunkLen = 0;
                        break;
                    }
                }
                byte b = chunk[chunkPos++];
                any = true;
                if (b == '\n') {
                    break;
                }
                if (len == line.length) {
                    if (len >= MAX_LINE_BYTES) {
                        throw new FileFormatException(name + ":" + (lineNumber + 1) + ": line longer than "
                                + MAX_LINE_BYTES + " bytes: not a text file of this format");
                    }
                    line = java.util.Arrays.copyOf(line, Math.min(2 * len, MAX_LINE_BYTES));
                }
                line[len++] = b;
                ascii &= b >= 0;
            }
        } catch (IOException e) {
            throw new HelixException("cannot read " + name + ": " + e.getMessage(), e);
        }
        if (!any) {
            return null;
        }
        lineNumber++;
        if (len > 0 && line[len - 1] == '\r') {
            len--;
        }
        if (ascii) {
            return new String(line, 0, len, StandardCharsets.ISO_8859_1);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line, 0, len)).toString();
        } catch (CharacterCodingException e) {
            throw new FileFormatException(name + ":" + lineNumber + ": not UTF-8 text", e);
        }
    }

    /** A format error at the current line: {@code "name:line: message"}. */
    public FileFormatException error(String message) {
        return error(lineNumber, message);
    }

    /** A format error at the given 1-based line. */
    public FileFormatException error(int line, String message) {
        return new FileFormatException(name + ":" + line + ": " + message);
    }

    /** Parses a finite decimal number at the current line; {@code what} names it in the error. */
    public double number(String token, String what) {
        return number(token, what, lineNumber);
    }

    /** Parses a finite decimal number; the error names {@code what} and the given line. */
    public double number(String token, String what, int line) {
        Double v = parseNumber(token);
        if (v == null) {
            if (NON_FINITE.matcher(token).matches() || isDecimal(token)) {
                throw error(line, what + " is not finite: '" + org.helixff.Messages.quoted(token) + "'");
            }
            throw error(line, what + " is not a number: '" + org.helixff.Messages.quoted(token) + "'");
        }
        return v;
    }

    /** Parses an integer at the current line; {@code what} names it in the error. */
    public long integer(String token, String what) {
        if (!INTEGER.matcher(token).matches()) {
            throw error(what + " is not an integer: '" + org.helixff.Messages.quoted(token) + "'");
        }
        try {
            return Long.parseLong(token.startsWith("+") ? token.substring(1) : token);
        } catch (NumberFormatException e) {
            throw error(what + " is out of range: '" + org.helixff.Messages.quoted(token) + "'");
        }
    }

    /** True if the token is a plain decimal integer (that may still overflow a long). */
    public static boolean isInteger(String token) {
        return token.length() <= MAX_NUMBER_CHARS && INTEGER.matcher(token).matches();
    }

    /** True if the token is written as a decimal number (finite or not after parsing). */
    public static boolean isDecimal(String token) {
        return token.length() <= MAX_NUMBER_CHARS && DECIMAL.matcher(token).matches();
    }

    /** True for nan, inf, infinity (any case, optional sign): tokens that name a non-finite number. */
    public static boolean isNonFinite(String token) {
        return NON_FINITE.matcher(token).matches();
    }

    /** The value of a strict decimal token if it is finite, else null (not a number, or overflow). */
    public static Double parseNumber(String token) {
        if (token == null || token.length() > MAX_NUMBER_CHARS || !DECIMAL.matcher(token).matches()) {
            return null;
        }
        double v = Double.parseDouble(token);
        return Double.isFinite(v) ? v : null;
    }

    /** Splits on runs of whitespace, ignoring leading and trailing whitespace. */
    public static String[] fields(String line) {
        String t = line.strip();
        return t.isEmpty() ? new String[0] : t.split("\\s+");
    }

    @Override
    public void close() {
        try {
            if (in != null) {
                in.close();
            } else {
                bytes.close();
            }
        } catch (IOException e) {
            // nothing was written: a failed close of a reader loses nothing
        }
    }
}
