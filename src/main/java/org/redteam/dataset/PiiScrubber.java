package org.redteam.dataset;

import java.text.Normalizer;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces personal data in free text with typed placeholders, for {@code export --scrub-pii}. Rules are applied
 * in the order of {@link Kind} (earlier rules win: a URL's user info is gone before the email rule looks at it, an
 * SSN before the phone rule). No rule matches across a line break or touches the words "Human"/"Assistant", so the
 * transcript layout ({@code "\n\nHuman: "}, {@code "\n\nAssistant: "}) survives. Rules are tuned against false
 * positives: model sizes ("52B"), years, ratings ("3.0"), dates ("2022-04-12") and short numbers are left alone.
 * Stateless and thread-safe; counts are kept per instance only for reporting.
 */
final class PiiScrubber {

    /** A kind of personal data and its placeholder. */
    public enum Kind {
        URL("[URL]"), EMAIL("[EMAIL]"), CARD("[CARD]"), SSN("[SSN]"), IP("[IP]"), PHONE("[PHONE]"), ADDRESS("[ADDRESS]");

        private final String placeholder;

        Kind(String placeholder) {
            this.placeholder = placeholder;
        }

        public String placeholder() {
            return placeholder;
        }
    }

    private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final String H16 = "[0-9A-Fa-f]{1,4}";
    private static final String SUFFIX = "(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|"
            + "Way|Place|Pl|Terrace|Ter|Circle|Cir|Parkway|Pkwy|Highway|Hwy|Square|Sq|Trail|Trl|Crescent|Close|Row|Alley)";

    /** One domain label: letters, marks and digits of any script, inner hyphens. */
    private static final String LABEL = "[\\p{L}\\p{N}](?:[\\p{L}\\p{M}\\p{N}-]*[\\p{L}\\p{M}\\p{N}])?";

    private static final Map<Kind, Pattern> RULES = new LinkedHashMap<>();

    static {
        // scheme://user[:password]@host... : the whole URL goes (the host may identify the person too).
        RULES.put(Kind.URL, Pattern.compile("\\b[A-Za-z][A-Za-z0-9+.-]{1,15}://[^\\s/@]+@[^\\s\"'<>]+"));
        // Letters, marks and digits of any script (josé@, user@bücher.de); the look-behind keeps a whole local part
        // (müller@… is one address, not "mü" + one).
        RULES.put(Kind.EMAIL, Pattern.compile(
                "(?<![\\p{L}\\p{M}\\p{N}._%+-])[\\p{L}\\p{N}][\\p{L}\\p{M}\\p{N}._%+-]*@" + LABEL + "(?:\\." + LABEL + ")*\\.\\p{L}{2,}"));
        // 13-19 digits in a row, or grouped as cards print them (4-4-4-4[-1..3], 4-6-5 Amex) by spaces or hyphens;
        // replaced only when the Luhn check passes.
        RULES.put(Kind.CARD, Pattern.compile("(?<![\\d.,+-])(?:\\d{13,19}|\\d{4}([ -])\\d{4}\\1\\d{4}\\1\\d{4}(?:\\1\\d{1,3})?"
                + "|\\d{4}([ -])\\d{6}\\2\\d{5})(?!\\d|[.,-]\\d)"));
        RULES.put(Kind.SSN, Pattern.compile("(?<![\\d-])\\d{3}[- ]\\d{2}[- ]\\d{4}(?![\\d-])"));
        RULES.put(Kind.IP, Pattern.compile("(?<![\\d.])" + OCTET + "(?:\\." + OCTET + "){3}(?![\\d]|\\.\\d)"
                + "|(?<![:\\w])(?:" + H16 + ":){7}" + H16 + "(?![:\\w])"
                + "|(?<![:\\w])(?:" + H16 + ":){1,6}:(?:" + H16 + "(?::" + H16 + "){0,5})?(?![:\\w])"
                + "|(?<![:\\w])::(?:" + H16 + ":){0,5}" + H16 + "(?![:\\w])"));
        RULES.put(Kind.PHONE, Pattern.compile(
                // international: +CC then 6-14 more digits in groups separated by space, dot, hyphen or (..)
                "(?<![\\w+])\\+\\d{1,3}[ .-]?\\(?\\d{1,5}\\)?(?:[ .-]?\\(?\\d{2,5}\\)?){1,5}(?!\\d)"
                        // 00 international prefix
                        + "|(?<![\\w])00\\d{1,3}[ .-]\\d{1,5}(?:[ .-]\\d{2,5}){1,4}(?!\\d)"
                        // US/NANP: (555) 123-4567, 555-123-4567, 555.123.4567, 555 123 4567, 1-555-123-4567
                        + "|(?<![\\w-])(?:1[ .-])?(?:\\(\\d{3}\\) ?|\\d{3}[ .-])\\d{3}[ .-]\\d{4}(?![\\d-])"
                        // NANP written without separators (5551234567: an area code never starts with 0 or 1)
                        + "|(?<![\\w.,+-])[2-9]\\d{9}(?![\\w]|[.,]\\d)"
                        // a seven-digit local number with its hyphen: 555-1234
                        + "|(?<![\\w.,/-])[2-9]\\d{2}-\\d{4}(?![\\w-]|[.,]\\d)"
                        // French style: 06 12 34 56 78 / 06.12.34.56.78
                        + "|(?<![\\w.])0\\d(?:[ .]\\d{2}){4}(?![\\d])"
                        // German/UK/Dutch style trunk prefix: 030 12345678, 0171/2345678, 020 7946 0958, 07700 900123
                        + "|(?<![\\w./-])0\\d{2,4}[ /-]\\d{3,4}[ -]?\\d{3,4}(?![\\d])"
                        + "|(?<![\\w./-])0\\d{2,4}[ /-]\\d{6,8}(?![\\d])"));
        RULES.put(Kind.ADDRESS, Pattern.compile(
                "(?<![\\w-])\\d{1,6}[A-Za-z]?(?:-\\d{1,4})?[ \\t]+(?:(?:[NSEW]|North|South|East|West)\\.?[ \\t]+)?"
                        + "(?:(?:[A-Z][A-Za-z'-]+|\\d{1,3}(?:st|nd|rd|th))\\.?[ \\t]+){1,4}" + SUFFIX + "\\b\\.?"
                        + "(?:,?[ \\t]+(?:Apt|Apartment|Suite|Ste|Unit|#)\\.?[ \\t]*#?[A-Za-z0-9-]+)?"));
    }

    private final Map<Kind, Long> counts = new EnumMap<>(Kind.class);

    /** The text with every match replaced by its kind's placeholder; null stays null. */
    public String scrub(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (Map.Entry<Kind, Pattern> rule : RULES.entrySet()) {
            out = replace(rule.getKey(), rule.getValue(), out);
        }
        return out;
    }

    /**
     * Matches on the text's NFKC form ({@code bob＠example.com} is an address, full-width digits are digits) and
     * replaces the corresponding span of the text itself, so text around personal data is written as it was.
     */
    private String replace(Kind kind, Pattern pattern, String text) {
        Folded folded = Folded.of(text);
        Matcher m = pattern.matcher(folded.text());
        if (!m.find()) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        int last = 0;
        do {
            if (kind == Kind.CARD && !luhn(m.group())) {
                continue;
            }
            int start = folded.start(m.start());
            sb.append(text, last, start).append(kind.placeholder());
            counts.merge(kind, 1L, Long::sum);
            last = folded.end(m.end());
        } while (m.find());
        return last == 0 && sb.length() == 0 ? text : sb.append(text, last, text.length()).toString();
    }

    /**
     * A text in NFKC, each character knowing the span of the original it came from. Normalized one character
     * (with its combining marks) at a time, so every folded character maps back to whole original characters.
     */
    record Folded(String text, int[] starts, int[] ends) {
        static Folded of(String original) {
            if (Normalizer.isNormalized(original, Normalizer.Form.NFKC)) {
                return new Folded(original, null, null);
            }
            StringBuilder out = new StringBuilder(original.length());
            int[] starts = new int[original.length() * 4 + 1];
            int[] ends = new int[starts.length];
            int i = 0;
            while (i < original.length()) {
                int j = i + Character.charCount(original.codePointAt(i));
                while (j < original.length() && isMark(original.codePointAt(j))) {
                    j += Character.charCount(original.codePointAt(j));
                }
                String piece = Normalizer.normalize(original.substring(i, j), Normalizer.Form.NFKC);
                if (out.length() + piece.length() >= starts.length) {
                    starts = java.util.Arrays.copyOf(starts, starts.length * 2 + piece.length());
                    ends = java.util.Arrays.copyOf(ends, starts.length);
                }
                for (int k = 0; k < piece.length(); k++) {
                    starts[out.length() + k] = i;
                    ends[out.length() + k] = j;
                }
                out.append(piece);
                i = j;
            }
            return new Folded(out.toString(), starts, ends);
        }

        /** Where the original span of the folded character at {@code at} starts. */
        int start(int at) {
            return starts == null ? at : starts[at];
        }

        /** Where the original span ends for a folded match ending (exclusive) at {@code at}. */
        int end(int at) {
            return starts == null ? at : at == 0 ? 0 : ends[at - 1];
        }

        private static boolean isMark(int codePoint) {
            int type = Character.getType(codePoint);
            return type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                    || type == Character.COMBINING_SPACING_MARK;
        }
    }

    /** The Luhn checksum over the digits of {@code candidate} (separators ignored). */
    static boolean luhn(String candidate) {
        int sum = 0;
        boolean twice = false;
        int digits = 0;
        for (int i = candidate.length() - 1; i >= 0; i--) {
            char c = candidate.charAt(i);
            if (c < '0' || c > '9') {
                continue;
            }
            int d = c - '0';
            if (twice) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            twice = !twice;
            digits++;
        }
        return digits >= 13 && digits <= 19 && sum % 10 == 0;
    }

    /** Replacements made by this instance so far, by kind. */
    public Map<Kind, Long> counts() {
        return Map.copyOf(counts);
    }

    /** The placeholders, in rule order. */
    public static List<String> placeholders() {
        return java.util.Arrays.stream(Kind.values()).map(Kind::placeholder).toList();
    }
}
