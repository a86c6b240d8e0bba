package org.redteam.agreement;

import org.redteam.agreement.Ratings;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.redteam.problem.InvalidInputException;

/**
 * Reads a ratings CSV: the header {@code unit,rater,value}, then one rating per line. An empty value is a
 * missing rating (the rater saw the unit and gave nothing); values are numbers (category codes for nominal
 * data). Fields may be double-quoted (RFC 4180, within one line). Blank lines are skipped. Every error names
 * the file and the line.
 */
public final class RatingsCsv {
    public static final String HEADER = "unit,rater,value";

    private RatingsCsv() {
    }

    /**
     * What every value of one kind of ratings file must be (e.g. binary labels): {@code null} when the value is
     * fine, else why not, which the reader reports with the file, the line and the field.
     */
    @FunctionalInterface
    public interface ValueRule {
        ValueRule ANY = v -> null;

        String reject(double value);
    }

    public static Ratings read(Path file) {
        return read(file, ValueRule.ANY);
    }

    /** As {@link #read(Path)}, every present value also checked by {@code rule}. */
    public static Ratings read(Path file, ValueRule rule) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(in, file.toString(), rule);
        } catch (IOException e) {
            throw new InvalidInputException("cannot read " + file + ": " + e, e);
        }
    }

    /** {@code name} is only used in error messages. */
    public static Ratings read(BufferedReader in, String name) throws IOException {
        return read(in, name, ValueRule.ANY);
    }

    /** {@code name} is only used in error messages. */
    public static Ratings read(BufferedReader in, String name, ValueRule rule) throws IOException {
        String header = in.readLine();
        if (header == null) {
            throw new InvalidInputException(name + ": empty file; expected the header " + HEADER);
        }
        header = header.startsWith("\uFEFF") ? header.substring(1) : header;
        if (!String.join(",", fields(header, name, 1)).replace(" ", "").equals(HEADER)) {
            throw new InvalidInputException(name + ":1: the header must be " + HEADER + ", found '" + header + "'");
        }
        Ratings.Builder ratings = Ratings.builder();
        Map<List<String>, Integer> seen = new HashMap<>();
        int lineNumber = 1;
        int rows = 0;
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            String at = name + ":" + lineNumber + ": ";
            List<String> f = fields(line, name, lineNumber);
            if (f.size() != 3) {
                throw new InvalidInputException(at + "expected 3 fields (" + HEADER + "), found " + f.size());
            }
            String unit = f.get(0).trim();
            String rater = f.get(1).trim();
            String value = f.get(2).trim();
            if (unit.isEmpty() || rater.isEmpty()) {
                throw new InvalidInputException(at + "the " + (unit.isEmpty() ? "unit" : "rater") + " is empty");
            }
            Integer first = seen.putIfAbsent(List.of(unit, rater), lineNumber);
            if (first != null) {
                throw new InvalidInputException(at + "unit '" + unit + "' is rated twice by rater '" + rater
                        + "' (first on line " + first + ")");
            }
            if (value.isEmpty()) {
                ratings.addMissing(unit, rater);
            } else {
                double v = number(value, at);
                String rejected = rule.reject(v);
                if (rejected != null) {
                    throw new InvalidInputException(at + "field 'value' of unit '" + unit + "', rater '" + rater
                            + "': '" + value + "' " + rejected);
                }
                ratings.add(unit, rater, v);
            }
            rows++;
        }
        if (rows == 0) {
            throw new InvalidInputException(name + ": no ratings after the header");
        }
        return ratings.build();
    }

    private static double number(String value, String at) {
        double v;
        try {
            v = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new InvalidInputException(at + "value '" + value + "' is not a number (leave it empty for a missing rating)");
        }
        if (!Double.isFinite(v) || !value.matches("[-+0-9.eE]+")) {
            throw new InvalidInputException(at + "value '" + value + "' is not a finite decimal number");
        }
        return v;
    }

    /** Splits one line at commas outside double quotes; "" inside quotes is one quote. */
    static List<String> fields(String line, String name, int lineNumber) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new InvalidInputException(name + ":" + lineNumber + ": a quoted field is not closed on this line");
        }
        out.add(field.toString());
        return out;
    }
}
