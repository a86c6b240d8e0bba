package org.redteam.dataset;

import org.redteam.release.ReleasedRecord;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A synthetic corpus (own text, fixed seed) with personal data planted in varied contexts, for the
 * {@code --scrub-pii} leak test, and a clean control corpus of the same shape full of numbers that are not personal
 * data (model sizes, years, ratings, dates, versions, prices, times...), for counting false positives.
 */
final class PlantedPiiCorpus {
    /** What is planted; several kinds share a placeholder (all phones are [PHONE], both IP versions [IP]). */
    enum Planted { EMAIL, PHONE_US, PHONE_INTL, PHONE_EU, ADDRESS, IPV4, IPV6, CARD, SSN, URL_USERINFO }

    static final int PER_KIND = 220;
    private static final String[] FIRST = {"jane", "omar", "li", "maria", "tom", "aiko", "pavel", "nora", "sam", "ines"};
    private static final String[] LAST = {"doe", "haddad", "wei", "garcia", "okafor", "tanaka", "novak", "berg", "lee"};
    private static final String[] DOMAIN = {"example.com", "mail.example.org", "example.co.uk", "corp.example.net",
        "uni-example.edu", "example.de"};
    private static final String[] STREET = {"Main", "Oak", "Maple", "Cedar Hill", "Baker", "Elm", "Old Mill", "Sunset",
        "Pennsylvania", "Lincoln", "Park", "Washington", "Lake View", "5th", "42nd", "Queen's", "Station", "Church"};
    private static final String[] SUFFIX = {"Street", "St", "St.", "Avenue", "Ave", "Road", "Rd", "Blvd", "Boulevard",
        "Lane", "Ln", "Drive", "Dr", "Court", "Way", "Place"};
    private static final String[] CONTEXT = {
        "my %s is %s.", "You can reach them at %s", "(%s)", "%s, please", "\"%s\"", "details: %s;", "%s",
        "so what if I told you %s was it?", "I found %s on a forum\nand want more", "write down %s and then",
        "Try this: %s!", "the %s I have is %s and nothing else"};

    private final Random random = new Random(20220822L);
    private final Map<Planted, List<String>> planted = new EnumMap<>(Planted.class);

    PlantedPiiCorpus() {
        for (Planted kind : Planted.values()) {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < PER_KIND; i++) {
                values.add(value(kind, i));
            }
            planted.put(kind, values);
        }
    }

    Map<Planted, List<String>> planted() {
        return planted;
    }

    /** Records holding every planted value once, spread over transcripts (both speakers) and task descriptions. */
    List<ReleasedRecord> records() {
        List<String> all = new ArrayList<>();
        planted.values().forEach(all::addAll);
        java.util.Collections.shuffle(all, random);
        List<ReleasedRecord> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 4) {
            String task = sentence(all.get(i));
            StringBuilder transcript = new StringBuilder();
            for (int j = i + 1; j < Math.min(i + 4, all.size()); j++) {
                transcript.append(j % 2 == 1 ? "\n\nHuman: " : "\n\nAssistant: ").append(sentence(all.get(j)));
            }
            transcript.append("\n\nAssistant: I can't help with that.");
            out.add(record(transcript.toString(), task, 1000 + (i / 4) % 17));
        }
        return out;
    }

    /** The control corpus: records with no personal data at all. */
    List<ReleasedRecord> control(int count) {
        String[] clean = {
            "the 52B model answered in 2022 with rating 3.0", "compare 13B, 2.7B and 810M models", "on 2022-04-12 at 12:30",
            "version 1.2.3 of Python 3.10.4 broke it", "it cost $1,250.00 or 1.250,00 EUR", "page 123 of 456, chapter 11",
            "score -1.25 vs 0.75 (delta 2.00)", "ISBN 978-3-16-148410-0", "room 101 on floor 3", "zip 90210 and Route 66",
            "between 1990 and 2005 about 40% of 3 million", "a 1 in 1000000 chance", "she is 25 years old and has 2 cats",
            "the ratio was 16:9 at 1080p and 60 fps", "step 4 of 10: wait 30 seconds", "harmlessness -3.2 to 1.4",
            "in the years 1999-2001", "call me at noon", "the main street of town", "he drove down the avenue at 50 mph",
            "Lane 3 is closed", "order #12345 shipped 2023-11-05", "10 Downing is famous", "Top 10 street foods",
            "temperatures of -5 to 12 C", "sizes: 52B (rlhf), 52B (plain lm)", "attempts: 38961, reviewers: 4",
            "the 3 big dogs and 200 sheep", "at 7.30 pm the score was 2-1", "UTF-8, ISO-8859-1, RFC 4180",
            "the formula E = mc^2 and 6.022e23", "1.0.0.0 upgrade notes v2.3", "flight BA 2490 leaves 06:45",
            "model 2 of 3 scored 0.5 vs 0.25", "1 2 3 4 5 6 7 8 9 10", "dial the help line (no number given)"};
        List<ReleasedRecord> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String a = clean[i % clean.length];
            String b = clean[(i * 7 + 3) % clean.length];
            String c = clean[(i * 11 + 5) % clean.length];
            out.add(record("\n\nHuman: " + a + "\n\nAssistant: " + b, c, 2000 + i % 5));
        }
        return out;
    }

    private static ReleasedRecord record(String transcript, String task, long member) {
        return new ReleasedRecord(transcript, null, "52B", "rlhf", 2.0, task, null, member, true, null);
    }

    private String sentence(String value) {
        String template = CONTEXT[random.nextInt(CONTEXT.length)];
        return template.contains("the %s I have") ? String.format(template, "one", value) : template.contains("my %s")
                ? String.format(template, "number", value) : String.format(template, value);
    }

    private String value(Planted kind, int i) {
        return switch (kind) {
            case EMAIL -> pick(FIRST) + (i % 3 == 0 ? "." : i % 3 == 1 ? "_" : "") + pick(LAST)
                    + (i % 5 == 0 ? "+" + i : String.valueOf(i)) + "@" + pick(DOMAIN);
            case PHONE_US -> {
                String a = digits(3, '2');
                String b = digits(3, '2');
                String c = digits(4, '0');
                yield switch (i % 5) {
                    case 0 -> "(" + a + ") " + b + "-" + c;
                    case 1 -> a + "-" + b + "-" + c;
                    case 2 -> a + "." + b + "." + c;
                    case 3 -> "1-" + a + "-" + b + "-" + c;
                    default -> a + " " + b + " " + c;
                };
            }
            case PHONE_INTL -> switch (i % 6) {
                case 0 -> "+44 20 " + digits(4, '1') + " " + digits(4, '0');
                case 1 -> "+49 30 " + digits(8, '1');
                case 2 -> "+33 6 " + digits(2, '0') + " " + digits(2, '0') + " " + digits(2, '0') + " " + digits(2, '0');
                case 3 -> "+81 3-" + digits(4, '1') + "-" + digits(4, '0');
                case 4 -> "+1" + digits(10, '2');
                default -> "+61 (2) " + digits(4, '1') + " " + digits(4, '0');
            };
            case PHONE_EU -> switch (i % 5) {
                case 0 -> "030 " + digits(8, '1');
                case 1 -> "06 " + digits(2, '0') + " " + digits(2, '0') + " " + digits(2, '0') + " " + digits(2, '0');
                case 2 -> "020 " + digits(4, '1') + " " + digits(4, '0');
                case 3 -> "0171/" + digits(7, '1');
                default -> "0049 89 " + digits(4, '1') + " " + digits(3, '0');
            };
            case ADDRESS -> (1 + random.nextInt(9999)) + (i % 9 == 0 ? "B" : "") + " " + pick(STREET) + " " + pick(SUFFIX)
                    + (i % 7 == 0 ? ", Apt " + (1 + random.nextInt(40)) + "C" : "");
            case IPV4 -> (1 + random.nextInt(254)) + "." + random.nextInt(256) + "." + random.nextInt(256) + "."
                    + (1 + random.nextInt(254));
            case IPV6 -> i % 2 == 0
                    ? String.join(":", hex(), hex(), hex(), hex(), hex(), hex(), hex(), hex())
                    : "2001:db8::" + hex() + ":" + hex();
            case CARD -> card(i);
            case SSN -> digits(3, '1') + "-" + digits(2, '1') + "-" + digits(4, '1');
            case URL_USERINFO -> (i % 3 == 0 ? "https" : i % 3 == 1 ? "ftp" : "postgres") + "://" + pick(FIRST)
                    + (i % 2 == 0 ? ":pw" + digits(6, '0') : "") + "@" + "host" + i + "." + pick(DOMAIN) + "/path/" + i;
        };
    }

    /** A Luhn-valid number: Visa 16, Mastercard 16 or Amex 15 digits, grouped by spaces, hyphens or not at all. */
    private String card(int i) {
        String prefix = i % 3 == 0 ? "4" : i % 3 == 1 ? "5" + (1 + random.nextInt(5)) : "37";
        int length = i % 3 == 2 ? 15 : 16;
        StringBuilder body = new StringBuilder(prefix);
        while (body.length() < length - 1) {
            body.append(random.nextInt(10));
        }
        for (int d = 0; d < 10; d++) {
            if (PiiScrubber.luhn(body.toString() + d)) {
                body.append(d);
                break;
            }
        }
        String n = body.toString();
        String sep = i % 4 == 0 ? " " : i % 4 == 1 ? "-" : "";
        return length == 16 ? n.substring(0, 4) + sep + n.substring(4, 8) + sep + n.substring(8, 12) + sep + n.substring(12)
                : n.substring(0, 4) + sep + n.substring(4, 10) + sep + n.substring(10);
    }

    private String digits(int n, char firstMin) {
        StringBuilder sb = new StringBuilder();
        sb.append((char) (firstMin + random.nextInt('9' - firstMin + 1)));
        for (int i = 1; i < n; i++) {
            sb.append(random.nextInt(10));
        }
        return sb.toString();
    }

    private String hex() {
        return Integer.toHexString(1 + random.nextInt(0xfffe));
    }

    private String pick(String[] options) {
        return options[random.nextInt(options.length)];
    }
}
