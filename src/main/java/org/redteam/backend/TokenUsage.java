package org.redteam.backend;

/**
 * Tokens one request used, as the backend reported them ({@code usage} of OpenAI's chat/completions, Anthropic's
 * {@code input_tokens}/{@code output_tokens}).
 */
public record TokenUsage(long prompt, long completion) {

    public TokenUsage plus(TokenUsage other) {
        return new TokenUsage(prompt + other.prompt, completion + other.completion);
    }
}
