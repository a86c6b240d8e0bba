package org.redteam.web;

/** What a person reads when their input is refused: no field names, no exception text. */
final class PlainWords {
    private PlainWords() {
    }

    /**
     * Why a free-text input was refused (the service checks empty, too long and unstorable, in that order).
     *
     * @param what the input as the page names it, e.g. "your message"
     */
    static String text(String what, String value, int max) {
        String stripped = value == null ? "" : value.strip();
        String subject = Character.toUpperCase(what.charAt(0)) + what.substring(1);
        if (stripped.isEmpty()) {
            return subject + " is empty. Please write something first.";
        }
        if (stripped.length() > max) {
            return subject + " is " + stripped.length() + " characters long; the limit is " + max + ". Please shorten it.";
        }
        return subject + " contains a character that cannot be saved (a null character). Please remove it.";
    }

    /** A service message (already written for people) as a sentence: a capital first letter and a full stop. */
    static String sentence(String message) {
        String s = message.strip();
        if (s.isEmpty()) {
            return s;
        }
        s = Character.toUpperCase(s.charAt(0)) + s.substring(1);
        return s.endsWith(".") ? s : s + ".";
    }
}
