package dev.freeport.provider.sandbox;

import dev.freeport.tokens.TokenCounter;

import java.util.Locale;
import java.util.SplittableRandom;

/** The sandbox's vocabulary: common English words whose token counts are known up front. */
final class Words {
    static final String[] WORDS = ("the model answer request system result value data service network cache "
            + "query token budget latency server client stream price cost vendor route policy agent tool reply "
            + "message example simple clear short long fast slow good better best first next last every some many "
            + "few more most other same different important useful general specific common local remote open "
            + "secure stable small large new old early late high low public private key plan step test check "
            + "build run start stop send read write store load return call find make take give show keep use "
            + "work help need want know think see look come go get set add move change try ask tell explain "
            + "describe compare measure improve reduce increase support handle process update report track "
            + "and or but so because while when where which that this these those with from into over under "
            + "about after before between through during without within also only just still already often "
            + "usually always never here there now then today time way part case point fact idea reason detail "
            + "option choice team user customer product feature issue problem solution approach method pattern")
            .split(" ");
    static final String[] CITIES = {"Paris, France", "Tokyo, Japan", "Lisbon, Portugal", "Nairobi, Kenya",
            "Toronto, Canada", "Oslo, Norway", "Lima, Peru", "Seoul, South Korea"};

    /** tokens of " word" and of " Word" for each word, so answers can be cut at an exact token budget */
    private static final int[] LOWER_TOKENS = new int[WORDS.length];
    private static final int[] CAPITAL_TOKENS = new int[WORDS.length];

    static {
        for (int i = 0; i < WORDS.length; i++) {
            LOWER_TOKENS[i] = TokenCounter.countText(" " + WORDS[i]);
            CAPITAL_TOKENS[i] = TokenCounter.countText(" " + capitalise(WORDS[i]));
        }
    }

    private Words() {
    }

    static int index(SplittableRandom random) {
        return random.nextInt(WORDS.length);
    }

    static String pick(SplittableRandom random) {
        return WORDS[index(random)];
    }

    static int tokens(int index, boolean capital) {
        return capital ? CAPITAL_TOKENS[index] : LOWER_TOKENS[index];
    }

    /** {@code n} random words joined by spaces. */
    static String phrase(SplittableRandom random, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(pick(random));
        }
        return sb.toString();
    }

    static String capitalise(String w) {
        return w.isEmpty() ? w : w.substring(0, 1).toUpperCase(Locale.ROOT) + w.substring(1);
    }
}
