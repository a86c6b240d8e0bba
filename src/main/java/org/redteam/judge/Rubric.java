package org.redteam.judge;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.redteam.config.ConfigException;
import org.redteam.config.JudgeSpec;
import org.redteam.conversation.Message;
import org.redteam.conversation.Transcript;

/**
 * An LLM judge's prompt and how its answer is read: one of our rubrics (resources {@code rubric-comply.txt},
 * {@code rubric-graded.txt}, whose first line is {@code version: …}) or the user's {@code prompt_file}, which
 * must answer in the comply format. Placeholders: {@code {transcript}}, {@code {last_response}},
 * {@code {first_request}}, {@code {last_request}}; each is filled once, so a placeholder typed inside a
 * message stays as typed.
 */
record Rubric(String version, String template, Function<String, Optional<LlmAnswers.Read>> reading) {
    static final List<String> PLACEHOLDERS = List.of("transcript", "last_response", "first_request", "last_request");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(" + String.join("|", PLACEHOLDERS) + ")}");

    static Rubric of(JudgeSpec.Llm spec) {
        return spec.promptFile().map(Rubric::fromFile).orElseGet(() -> builtIn(spec.rubric()));
    }

    /** One of ours by name: {@code comply} or {@code graded}. */
    static Rubric builtIn(String name) {
        String text;
        try (InputStream in = Rubric.class.getResourceAsStream("rubric-" + name + ".txt")) {
            if (in == null) {
                throw new IllegalArgumentException("no rubric '" + name + "'");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the rubric " + name, e);
        }
        int newline = text.indexOf('\n');
        String first = text.substring(0, newline).strip();
        if (!first.startsWith("version:")) {
            throw new IllegalStateException("rubric-" + name + ".txt must start with a 'version:' line");
        }
        Function<String, Optional<LlmAnswers.Read>> reading = name.equals(JudgeSpec.Llm.GRADED) ? LlmAnswers::graded
                : LlmAnswers::comply;
        return new Rubric(first.substring("version:".length()).strip(), text.substring(newline + 1), reading);
    }

    /** The user's prompt; its version is the file name and the start of its SHA-256, so an edit is a new version. */
    static Rubric fromFile(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException("prompt_file: cannot read " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        if (!PLACEHOLDER.matcher(text).find()) {
            throw new ConfigException("prompt_file: " + file.toAbsolutePath() + " uses none of the placeholders {"
                    + String.join("}, {", PLACEHOLDERS) + "}: the judge would never see the conversation");
        }
        return new Rubric("prompt " + file.getFileName() + "@" + sha256(text).substring(0, 8), text, LlmAnswers::comply);
    }

    /** The prompt about {@code transcript}, which ends with the assistant turn to judge. */
    String fill(Transcript transcript) {
        List<Message> messages = transcript.messages();
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = switch (m.group(1)) {
                case "transcript" -> transcript.render().strip();
                case "last_response" -> last(messages, Message.Speaker.ASSISTANT);
                case "first_request" -> transcript.firstHuman().orElse("");
                default -> last(messages, Message.Speaker.HUMAN);
            };
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String last(List<Message> messages, Message.Speaker speaker) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).speaker() == speaker) {
                return messages.get(i).text();
            }
        }
        return "";
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
