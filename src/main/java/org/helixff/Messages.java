package org.helixff;

/**
 * Text that goes into error messages and terminals: every character that is not printable (control characters,
 * ESC of terminal escape sequences, DEL, C1 controls, bidirectional overrides, unpaired surrogates) is written as
 * an escape ({@code \e}, {@code \x1b}, {@code \u202e}), so that a file's content quoted in a message can neither
 * move the cursor, recolour the terminal nor break the message into several lines.
 */
public final class Messages {
    /** Longest quoted text, characters; the rest is cut with "...". */
    public static final int MAX_QUOTED = 200;

    private Messages() {
    }

    /** The text with non-printable characters escaped (and a newline as {@code \n}). */
    public static String printable(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String esc = escape(c, s, i);
            if (esc != null && b == null) {
                b = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (b != null) {
                b.append(esc != null ? esc : String.valueOf(c));
            }
        }
        return b == null ? s : b.toString();
    }

    /** {@link #printable} cut to {@link #MAX_QUOTED} characters. */
    public static String quoted(String s) {
        String p = printable(s);
        return p.length() > MAX_QUOTED ? p.substring(0, MAX_QUOTED) + "..." : p;
    }

    private static String escape(char c, String s, int i) {
        if (c == '\n') {
            return "\\n";
        }
        if (c == '\r') {
            return "\\r";
        }
        if (c == '\t') {
            return "\\t";
        }
        if (c == 0x1b) {
            return "\\e";
        }
        if (c < 0x20 || c == 0x7f) {
            return String.format("\\x%02x", (int) c);
        }
        boolean bad = (c >= 0x80 && c <= 0x9f) || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)
                || c == 0x200e || c == 0x200f || c == 0xfeff;
        if (Character.isHighSurrogate(c)) {
            bad = i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        } else if (Character.isLowSurrogate(c)) {
            bad = i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
        }
        return bad ? String.format("\\u%04x", (int) c) : null;
    }
}
