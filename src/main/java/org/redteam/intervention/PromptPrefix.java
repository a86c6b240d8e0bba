package org.redteam.intervention;

import java.util.ArrayList;
import java.util.List;
import org.redteam.conversation.Message;
import org.redteam.backend.ModelBackend;

/**
 * Places an example conversation before the red teamer's: for a completions backend it becomes the
 * start of the "\n\nHuman: …\n\nAssistant:" transcript, for a chat backend earlier turns.
 */
public final class PromptPrefix implements SafetyIntervention {
    private final List<Message> prefix;

    public PromptPrefix(List<Message> prefix) {
        this.prefix = List.copyOf(prefix);
    }

    public List<Message> prefix() {
        return prefix;
    }

    @Override
    public ModelBackend around(ModelBackend inner) {
        return request -> {
            List<Message> conversation = new ArrayList<>(prefix);
            conversation.addAll(request.conversation());
            return inner.complete(request.withConversation(conversation));
        };
    }
}
