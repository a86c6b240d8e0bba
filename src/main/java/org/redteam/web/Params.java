package org.redteam.web;

import io.javalin.http.Context;
import org.redteam.problem.InvalidInputException;

/**
 * Path and query parameters as numbers, for the pages and the JSON API alike. Ids are longs, as stored. A
 * value that is not a whole number, or is out of range, is bad input (400) whose message names the
 * parameter and repeats what was sent.
 */
final class Params {
    private Params() {
    }

    /** The path parameter {@code name} (an id), described as {@code what} in errors: "attempt id", "worker id". */
    static long id(Context ctx, String name, String what) {
        String text = ctx.pathParam(name);
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw notWhole(what, text);
        }
    }

    /** The path parameter {@code name} as an int (a position, such as a turn index). */
    static int position(Context ctx, String name, String what) {
        String text = ctx.pathParam(name);
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw notWhole(what, text);
        }
    }

    /** The query parameter {@code name} from {@code min} to {@code max}, or {@code fallback} when it is absent. */
    static int queryInt(Context ctx, String name, int fallback, int min, int max) {
        String text = ctx.queryParam(name);
        if (text == null) {
            return fallback;
        }
        int n;
        try {
            n = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw notWhole(name, text);
        }
        if (n < min || n > max) {
            throw new InvalidInputException(name + ": must be " + min + " to " + max + ", got " + n);
        }
        return n;
    }

    /** The query parameter {@code name}, any long, or {@code fallback} when it is absent. */
    static long queryLong(Context ctx, String name, long fallback) {
        String text = ctx.queryParam(name);
        if (text == null) {
            return fallback;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw notWhole(name, text);
        }
    }

    private static InvalidInputException notWhole(String what, String text) {
        return new InvalidInputException(what + ": must be a whole number, got '" + text + "'");
    }

    /** A whole number typed into a form field, or a 400 naming the field. */
    static int wholeNumber(String what, String text) {
        try {
            return Integer.parseInt(text == null ? "" : text.strip());
        } catch (NumberFormatException e) {
            throw notWhole(what, text == null ? "" : text);
        }
    }

    /** The survey page for a due survey of this kind. */
    static String wellbeingSurvey(org.redteam.wellbeing.TaskKind kind) {
        return "/wellbeing?kind=" + kind.label();
    }
}
