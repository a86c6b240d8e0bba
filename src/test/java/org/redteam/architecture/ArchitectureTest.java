package org.redteam.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of docs/design.md, checked on the main sources by a plain scan of what each file names
 * ({@code import}s and fully qualified names in code; comments and strings do not count).
 */
class ArchitectureTest {
    static final Path MAIN = Path.of("src/main/java");
    private static final Pattern NAMED = Pattern.compile("\\borg\\.redteam\\.([a-z]+(?:\\.[a-z]+)*)\\.([A-Z]\\w*)");
    private static final Pattern JDBI = Pattern.compile("\\borg\\.jdbi\\.");
    private static final Set<String> CONCRETE_BACKENDS = Set.of("backend.openai", "backend.anthropic", "backend.gguf", "backend.demo");

    /**
     * docs/design.md's layers, top to bottom and left to right within a layer: a package may use only packages
     * after it. A new package goes into this list (and the picture) where it belongs.
     */
    static final List<String> LAYERS = List.of("cli", "(root)", "web", "admin", "compare", "attack", "replay", "analysis", "dataset", "demographics", "review", "wellbeing",
            "attempt", "campaign", "target", "intervention", "judge", "scoring", "backend", "worker", "storage",
            "agreement", "release", "conversation", "config", "problem");

    private static List<SourceFile> sources;

    /** One main source file: its top-level package ({@code (root)} for org.redteam itself) and its code without comments or strings. */
    record SourceFile(Path path, String pkg, String subPackage, String code) {
    }

    @BeforeAll
    static void scan() throws IOException {
        sources = read(MAIN);
        assertThat(sources).as("main sources found under " + MAIN.toAbsolutePath()).hasSizeGreaterThan(100);
    }

    @Test
    void noCycleBetweenTopLevelPackages() {
        assertThat(PackageGraph.cycles(edges(sources))).isEmpty();
    }

    @Test
    void everyEdgeGoesDownTheDocumentedLayers() {
        assertThat(upward(edges(sources))).isEmpty();
    }

    /** The edges that go up or left in {@link #LAYERS}, and the packages it lacks. */
    static List<String> upward(Map<String, Set<String>> edges) {
        List<String> offences = new ArrayList<>();
        edges.forEach((from, tos) -> {
            if (!LAYERS.contains(from)) {
                offences.add(from + " is not in the layers of docs/design.md");
            }
            for (String to : tos) {
                if (LAYERS.contains(from) && LAYERS.contains(to) && LAYERS.indexOf(to) < LAYERS.indexOf(from)) {
                    offences.add(from + " -> " + to + " goes up");
                }
            }
        });
        return offences;
    }

    @Test
    void webAndCliNeitherUseJdbiNorARepository() {
        List<String> offences = new ArrayList<>();
        for (SourceFile f : sources) {
            if (!f.pkg().equals("web") && !f.pkg().equals("cli")) {
                continue;
            }
            if (JDBI.matcher(f.code()).find()) {
                offences.add(f.path() + " uses Jdbi");
            }
            Matcher m = NAMED.matcher(f.code());
            while (m.find()) {
                if (m.group(2).endsWith("Repository")) {
                    offences.add(f.path() + " names " + m.group(1) + "." + m.group(2));
                }
            }
        }
        assertThat(offences).isEmpty();
    }

    @Test
    void onlyAppNamesAConcreteBackend() {
        List<String> offences = new ArrayList<>();
        for (SourceFile f : sources) {
            boolean app = f.path().endsWith(Path.of("org/redteam/App.java"));
            Matcher m = NAMED.matcher(f.code());
            while (m.find()) {
                String named = m.group(1);
                if (CONCRETE_BACKENDS.contains(named) && !app && !named.equals(f.subPackage())) {
                    offences.add(f.path() + " names " + named + "." + m.group(2));
                }
            }
        }
        assertThat(offences).isEmpty();
    }

    /** Top-level package → the top-level packages it names. */
    static Map<String, Set<String>> edges(List<SourceFile> files) {
        Map<String, Set<String>> edges = new TreeMap<>();
        for (SourceFile f : files) {
            Set<String> out = edges.computeIfAbsent(f.pkg(), p -> new TreeSet<>());
            Matcher m = NAMED.matcher(f.code());
            while (m.find()) {
                String target = m.group(1).split("\\.")[0];
                if (!target.equals(f.pkg())) {
                    out.add(target);
                }
            }
            // same-package-free names of the root package: org.redteam.App, org.redteam.Store, …
            Matcher root = Pattern.compile("\\borg\\.redteam\\.([A-Z]\\w*)").matcher(f.code());
            if (root.find() && !f.pkg().equals("(root)")) {
                out.add("(root)");
            }
        }
        return edges;
    }

    static List<SourceFile> read(Path main) throws IOException {
        Path root = main.resolve("org/redteam");
        List<SourceFile> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(x -> x.toString().endsWith(".java")).sorted().toList()) {
                Path rel = root.relativize(p.getParent() == null ? root : p.getParent());
                String dotted = rel.toString().replace('/', '.');
                String pkg = dotted.isEmpty() ? "(root)" : dotted.split("\\.")[0];
                files.add(new SourceFile(main.relativize(p), pkg, dotted, withoutCommentsAndStrings(Files.readString(p))));
            }
        }
        return files;
    }

    /** Java source without comments, string and character literals (text blocks included), so only code names count. */
    static String withoutCommentsAndStrings(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            if (s.startsWith("//", i)) {
                i = s.indexOf('\n', i) < 0 ? s.length() : s.indexOf('\n', i);
            } else if (s.startsWith("/*", i)) {
                int end = s.indexOf("*/", i + 2);
                i = end < 0 ? s.length() : end + 2;
            } else if (s.startsWith("\"\"\"", i)) {
                int end = s.indexOf("\"\"\"", i + 3);
                i = end < 0 ? s.length() : end + 3;
                out.append("\"\"");
            } else if (s.charAt(i) == '"' || s.charAt(i) == '\'') {
                char q = s.charAt(i++);
                while (i < s.length() && s.charAt(i) != q) {
                    i += s.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
                out.append(q).append(q);
            } else {
                out.append(s.charAt(i++));
            }
        }
        return out.toString();
    }
}
