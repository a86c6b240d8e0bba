package org.redteam.analysis.map;

import java.util.List;
import java.util.Set;

/**
 * Words too common to name a cluster: English function words (with their apostrophes removed, as
 * {@link ClusterTerms#terms} removes them) and the words every red-team task description uses.
 */
final class StopWords {
    private static final Set<String> WORDS = Set.copyOf(List.of(
            // function words
            "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "arent",
            "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can",
            "cannot", "cant", "could", "couldnt", "did", "didnt", "do", "does", "doesnt", "doing", "dont", "down",
            "during", "each", "even", "ever", "every", "few", "for", "from", "further", "had", "hadnt", "has",
            "hasnt", "have", "havent", "having", "he", "hed", "hell", "her", "here", "heres", "hers", "herself",
            "hes", "him", "himself", "his", "how", "hows", "however", "if", "im", "in", "into", "is", "isnt", "it",
            "its", "itself", "ive", "just", "lets", "like", "many", "may", "me", "might", "more", "most", "much",
            "must", "mustnt", "my", "myself", "no", "nor", "not", "now", "of", "off", "on", "once", "one", "only",
            "or", "other", "ought", "our", "ours", "ourselves", "out", "over", "own", "same", "shall", "shant",
            "she", "shed", "shell", "shes", "should", "shouldnt", "so", "some", "such", "than", "that", "thats",
            "the", "their", "theirs", "them", "themselves", "then", "there", "theres", "these", "they", "theyd",
            "theyll", "theyre", "theyve", "this", "those", "through", "to", "too", "under", "until", "up", "upon",
            "us", "very", "was", "wasnt", "we", "wed", "well", "were", "werent", "weve", "what", "whats", "when",
            "whens", "where", "wheres", "which", "while", "who", "whom", "whos", "why", "whys", "will", "with",
            "within", "without", "wont", "would", "wouldnt", "yes", "yet", "you", "youd", "youll", "your",
            "youre", "yours", "yourself", "yourselves", "youve", "really", "still", "thing", "things", "something",
            "someone", "somebody", "anything", "anyone", "everything", "everyone", "nothing", "way", "ways",
            "lot", "lots", "okay", "yeah", "please", "thanks", "thank", "sure", "maybe", "though", "another",
            "actually", "probably", "whether", "etc", "via", "per", "two", "three", "first", "new", "good", "bad",
            // what every task description says
            "assistant", "bot", "chatbot", "model", "trying", "try", "tried", "get", "got", "getting", "make",
            "making", "made", "tell", "told", "telling", "ask", "asked", "asking", "know", "want", "wanted",
            "wants", "need", "say", "said", "saying", "see", "going", "give", "giving", "help", "helping", "find",
            "use", "using", "think", "talk", "talking", "let", "able", "information",
            "question", "questions", "answer", "respond", "response", "conversation"));

    private StopWords() {
    }

    static boolean contains(String word) {
        return WORDS.contains(word);
    }
}
