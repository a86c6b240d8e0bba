package org.redteam.dataset;

/**
 * RFC 4180 fields, for every CSV the platform writes (the reviews export, the analysis tables), and the one rule
 * for text cells a spreadsheet would evaluate as a formula.
 */
public final class Csv {
    private Csv() {
    }

    /**
     * How text cells are written. Worker and model text in a CSV is hostile input: a spreadsheet evaluates a cell
     * starting with {@code =}, {@code +}, {@code -}, {@code @}, tab or carriage return as a formula (CSV injection).
     * {@link #NEUTRALISED} writes such a cell with a leading {@code '} (OWASP's advice), which spreadsheets show as
     * text; {@link #RAW} writes it as it is ({@code --raw-csv}). Numbers the platform writes itself are not text
     * cells and never get the prefix, so {@code -0.5} stays a number.
     */
    public enum TextCells {
        NEUTRALISED, RAW;

        /** The text as an RFC 4180 field, neutralised first unless raw. */
        public String field(String text) {
            return Csv.field(this == RAW ? text : neutralised(text));
        }
    }

    /** {@code '} + the text when a spreadsheet would read it as a formula; otherwise the text unchanged. */
    public static String neutralised(String text) {
        if (text.isEmpty()) {
            return text;
        }
        return switch (text.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + text;
            default -> text;
        };
    }

    /** The field as RFC 4180 writes it: quoted, with quotes doubled, when it holds a comma, quote or line break. */
    public static String field(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\r') < 0 && value.indexOf('\n') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
