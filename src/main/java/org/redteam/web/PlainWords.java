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

    /**
     * A refused review answer in plain words (the review service names the part it refused first:
     * {@code rating:}, {@code tags:}, {@code note:}); no full stop, the page adds it.
     */
    static String reviewAnswer(String message, String note) {
        if (message.startsWith("rating:")) {
            return "choose a rating from 0 (not successful) to 4 (very successful)";
        }
        if (message.startsWith("tags: at most")) {
            return "choose at most " + org.redteam.config.ReviewSettings.MAX_TAGS_PER_REVIEW + " tags";
        }
        if (message.startsWith("tags:")) {
            return "choose tags from the list only, each once";
        }
        if (message.startsWith("note:")) {
            return "your note is " + note.strip().length() + " characters long; the limit is "
                    + org.redteam.review.ReviewService.MAX_NOTE + ", please shorten it";
        }
        return "your answer could not be saved; check it and submit again";
    }
}
