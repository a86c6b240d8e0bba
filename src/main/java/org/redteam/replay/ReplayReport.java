package org.redteam.replay;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import org.redteam.problem.InvalidInputException;

/**
 * A replay's {@code summary.json} and {@code report.html} from its results: from a {@code results.jsonl} or from any
 * supplier of results (the store's, for the web page). The supplier is read twice; per item only what the statistics
 * need is kept, never a transcript. {@code accuracy}: judge id → its measured precision and recall (the shipped
 * trained judge's are known without it).
 */
public final class ReplayReport {
    public static final String SUMMARY = "summary.json";
    public static final String REPORT = "report.html";

    private ReplayReport() {
    }

    /** Reads {@code results} (a results.jsonl; blank lines skipped; a bad line is an error naming file:line). */
    public static ReplaySummary write(Path results, Path outDir, Map<String, JudgeAccuracy> accuracy,
                                      ReplaySummary.Settings settings) {
        List<BufferedReader> open = new ArrayList<>();
        try {
            return write(() -> lines(results, open), outDir, accuracy, settings);
        } finally {
            for (BufferedReader r : open) {
                try {
                    r.close();
                } catch (IOException ignored) {
                    // reading is over; a failed close loses nothing
                }
            }
        }
    }

    public static ReplaySummary write(Supplier<? extends Iterator<ReplayResult>> results, Path outDir,
                                      Map<String, JudgeAccuracy> accuracy, ReplaySummary.Settings settings) {
        ReplaySummary summary = summarize(results, accuracy, settings);
        try {
            Files.createDirectories(outDir);
            ByteArrayOutputStream json = new ByteArrayOutputStream();
            ReplaySummaryJson.write(summary, json);
            Files.write(outDir.resolve(SUMMARY), json.toByteArray());
            Files.writeString(outDir.resolve(REPORT), html(summary), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException("--out: cannot write to " + outDir + ": " + e.getMessage(), e);
        }
        return summary;
    }

    /** The summary alone, written nowhere. */
    public static ReplaySummary summarize(Supplier<? extends Iterator<ReplayResult>> results,
                                          Map<String, JudgeAccuracy> accuracy, ReplaySummary.Settings settings) {
        return ReplayStatistics.of(ReplayColumns.of(results), Map.copyOf(accuracy), settings);
    }

    /** The report as one self-contained HTML document (no script; every text escaped). */
    public static String html(ReplaySummary summary) {
        StringOutput out = new StringOutput(1 << 14);
        TemplateEngine.createPrecompiled(ContentType.Html).render("replay/report.jte", new ReplayReportPage(summary), out);
        return out.toString();
    }

    private static Iterator<ReplayResult> lines(Path file, List<BufferedReader> open) {
        BufferedReader reader;
        try {
            reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
        open.add(reader);
        String name = file.getFileName().toString();
        return new Iterator<>() {
            private String next;
            private int line;

            @Override
            public boolean hasNext() {
                try {
                    while (next == null) {
                        String l = reader.readLine();
                        if (l == null) {
                            return false;
                        }
                        line++;
                        if (!l.isBlank()) {
                            next = l;
                        }
                    }
                    return true;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public ReplayResult next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                String l = next;
                next = null;
                return ReplayResults.parse(l, name + ":" + line);
            }
        };
    }
}
