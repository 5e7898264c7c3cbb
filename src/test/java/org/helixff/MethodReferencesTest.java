package org.helixff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The method document the code cites exists and holds what is cited: every "docs/method.md eq. (s.n)" and
 * "section s(.n)" written in the sources, tests and README names an equation label or a heading of
 * docs/method.md, and no source cites a bare "method.md" (the old document outside the repository).
 */
class MethodReferencesTest {
    private static final Path METHOD = Path.of("docs/method.md");
    private static final Pattern LABEL = Pattern.compile("(?m)\\((\\d+\\.\\d+[a-z]?)\\)\\s*$");
    private static final Pattern HEADING = Pattern.compile("(?m)^#{2,3} (\\d+(?:\\.\\d+)?)\\.? ");
    private static final Pattern CITED_EQ = Pattern.compile("\\((\\d+\\.\\d+[a-z]?)(?:-[a-z])?\\)");
    private static final Pattern CITED_SECTION = Pattern.compile("sections? (\\d+(?:\\.\\d+)?)(?:-(\\d+(?:\\.\\d+)?))?");
    /** How far after "docs/method.md" a citation's numbers are looked for (one parenthetical). */
    private static final int WINDOW = 48;

    @Test
    void everyCitedEquationAndSectionExists() throws IOException {
        String doc = Files.readString(METHOD);
        Set<String> labels = all(LABEL, doc);
        Set<String> headings = all(HEADING, doc);
        assertTrue(labels.size() > 40 && headings.contains("5.3"), "the document has its labels: " + labels);
        List<String> broken = new ArrayList<>();
        List<String> bare = new ArrayList<>();
        int cited = 0;
        for (Path f : sources()) {
            String src = Files.readString(f);
            int at = -1;
            while ((at = src.indexOf("method.md", at + 1)) >= 0) {
                if (at < 5 || !src.startsWith("docs/", at - 5)) {
                    bare.add(f + ":" + line(src, at));
                    continue;
                }
                String w = src.substring(at, Math.min(src.length(), at + WINDOW)).split("\n")[0];
                Matcher e = CITED_EQ.matcher(w);
                while (e.find()) {
                    cited++;
                    if (!labels.contains(e.group(1))) {
                        broken.add(f + ":" + line(src, at) + " eq. (" + e.group(1) + ")");
                    }
                }
                Matcher s = CITED_SECTION.matcher(w);
                while (s.find()) {
                    for (int g = 1; g <= 2; g++) {
                        if (s.group(g) != null) {
                            cited++;
                            if (!headings.contains(s.group(g))) {
                                broken.add(f + ":" + line(src, at) + " section " + s.group(g));
                            }
                        }
                    }
                }
            }
        }
        assertTrue(cited >= 30, "the scan sees the citations: " + cited);
        assertEquals(List.of(), bare, "citations of a bare method.md (write docs/method.md)");
        assertEquals(List.of(), broken, "citations of docs/method.md that name no equation or section there");
    }

    private static List<Path> sources() throws IOException {
        List<Path> out = new ArrayList<>(List.of(Path.of("README.md")));
        for (String root : List.of("src/main/java", "src/test/java")) {
            try (var s = Files.walk(Path.of(root))) {
                s.filter(p -> p.toString().endsWith(".java")).filter(p -> !p.endsWith("MethodReferencesTest.java"))
                        .sorted().forEach(out::add);
            }
        }
        return out;
    }

    private static Set<String> all(Pattern p, String text) {
        Set<String> out = new TreeSet<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static int line(String s, int at) {
        return (int) s.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }
}
