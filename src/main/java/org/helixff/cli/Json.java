package org.helixff.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON output of CLI results (to stdout). Keys keep insertion order. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    /** A copy of maps, lists and arrays with non-finite doubles replaced by null; their paths go to {@code bad}. */
    private static Object finite(Object v, String path, List<String> bad) {
        if (v instanceof Double d && !Double.isFinite(d) || v instanceof Float f && !Float.isFinite(f)) {
            bad.add(path.isEmpty() ? "value" : path);
            return null;
        }
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> c = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                c.put(e.getKey(), finite(e.getValue(), path.isEmpty() ? String.valueOf(e.getKey())
                        : path + "." + e.getKey(), bad));
            }
            return c;
        }
        if (v instanceof Collection<?> l) {
            List<Object> c = new ArrayList<>();
            int i = 0;
            for (Object x : l) {
                c.add(finite(x, path + "[" + i++ + "]", bad));
            }
            return c;
        }
        if (v instanceof double[] a) {
            List<Object> c = new ArrayList<>();
            for (int i = 0; i < a.length; i++) {
                c.add(finite(a[i], path + "[" + i + "]", bad));
            }
            return c;
        }
        return v;
    }

    static Map<String, Object> object() {
        return new LinkedHashMap<>();
    }

    /**
     * Prints a value as JSON. One convention for numbers that are not finite: they are written as {@code null} and
     * the top-level object gets a "warnings" entry naming each of them (never the strings "NaN" or "Infinity").
     */
    @SuppressWarnings("unchecked")
    static void print(PrintWriter out, Object value) {
        List<String> nonFinite = new ArrayList<>();
        Object clean = finite(value, "", nonFinite);
        if (!nonFinite.isEmpty() && clean instanceof Map<?, ?> m) {
            Map<String, Object> top = new LinkedHashMap<>((Map<String, Object>) m);
            List<Object> w = new ArrayList<>();
            if (top.get("warnings") instanceof List<?> old) {
                w.addAll(old);
            }
            for (String path : nonFinite) {
                w.add(path + " is not a finite number (written as null)");
            }
            top.put("warnings", w);
            clean = top;
        }
        try {
            out.println(MAPPER.writeValueAsString(clean));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
