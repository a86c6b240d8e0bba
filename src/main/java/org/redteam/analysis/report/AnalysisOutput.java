package org.redteam.analysis.report;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.redteam.analysis.AnalysisResult;
import org.redteam.analysis.AnalysisSource;
import org.redteam.analysis.EffortToBreak;
import org.redteam.dataset.Csv;
import org.redteam.judge.JudgeReport;
import org.redteam.problem.InvalidInputException;

/**
 * Writes an analysis to a directory: {@code summary.json}, {@code tables/*.csv} and {@code report.html}, one
 * self-contained page (inline CSS and SVG; it loads nothing). Existing files of those names are replaced; other
 * files in the directory are left alone.
 */
public final class AnalysisOutput {
    public static final String SUMMARY = "summary.json";
    public static final String REPORT = "report.html";
    public static final String TABLES = "tables";

    /** The files written, summary first. */
    public record Written(Path summary, Path report, List<Path> tables) {
    }

    private AnalysisOutput() {
    }

    /** As below with formulas in the tables' text cells neutralised. */
    public static Written write(AnalysisResult result, AnalysisSource source, Path dir, Optional<ReportSection> attackMap) {
        return write(result, source, dir, attackMap, Csv.TextCells.NEUTRALISED);
    }

    /**
     * {@code attackMap}: the section of {@code --map} when one was made (see {@link ReportSection}); {@code text}: how
     * the tables write their text cells ({@code --raw-csv}: raw).
     */
    public static Written write(AnalysisResult result, AnalysisSource source, Path dir, Optional<ReportSection> attackMap,
            Csv.TextCells text) {
        return write(result, source, dir, attackMap, text, Optional.empty());
    }

    /**
     * As above; {@code effort}: effort to break from a judge's turn verdicts, written to {@code summary.json} under
     * {@code effort_to_break} when present (without it the summary is byte for byte what it was).
     */
    public static Written write(AnalysisResult result, AnalysisSource source, Path dir, Optional<ReportSection> attackMap,
            Csv.TextCells text, Optional<EffortToBreak> effort) {
        return write(result, source, dir, attackMap, text, effort, List.of());
    }

    /** As above; {@code judges}: a section per judge in the report (none: the report is what it was). */
    public static Written write(AnalysisResult result, AnalysisSource source, Path dir, Optional<ReportSection> attackMap,
            Csv.TextCells text, Optional<EffortToBreak> effort, List<JudgeReport> judges) {
        return write(result, source, dir, attackMap, text, effort, judges, Optional.empty());
    }

    /**
     * As above; {@code signals}: the red teamers' signals section ({@link SignalSection}), in the report and under its
     * id in {@code summary.json}; without it both are what they were.
     */
    public static Written write(AnalysisResult result, AnalysisSource source, Path dir, Optional<ReportSection> attackMap,
            Csv.TextCells text, Optional<EffortToBreak> effort, List<JudgeReport> judges, Optional<ReportSection> signals) {
        try {
            Files.createDirectories(dir.resolve(TABLES));
        } catch (FileAlreadyExistsException e) {
            throw new InvalidInputException("--out: " + dir + " is not a directory", e);
        } catch (IOException e) {
            throw new InvalidInputException("--out: cannot create " + dir + ": " + e.getMessage(), e);
        }
        try {
            List<Path> tables = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (Map.Entry<String, List<List<Object>>> t : CsvTables.of(result).entrySet()) {
                Path file = dir.resolve(TABLES).resolve(t.getKey());
                CsvTables.write(file, t.getValue(), text);
                tables.add(file);
                names.add(TABLES + "/" + t.getKey());
            }
            Path summary = dir.resolve(SUMMARY);
            try (OutputStream out = Files.newOutputStream(summary)) {
                SummaryJson.write(result, source, names, attackMap, effort, signals, out);
            }
            Path report = dir.resolve(REPORT);
            Files.writeString(report, html(new ReportPage(result, source, ReportPage.Charts.of(result), names, attackMap, Optional.empty(), effort, judges, signals)),
                    StandardCharsets.UTF_8);
            return new Written(summary, report, tables);
        } catch (IOException e) {
            throw new InvalidInputException("--out: cannot write to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The report page as one HTML document (also what the admin dashboard serves). */
    public static String html(ReportPage page) {
        StringOutput out = new StringOutput(1 << 16);
        TemplateEngine.createPrecompiled(ContentType.Html).render("analysis/report.jte", page, out);
        return out.toString();
    }
}
