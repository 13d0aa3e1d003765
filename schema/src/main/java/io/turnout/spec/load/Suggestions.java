package io.turnout.spec.load;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean …?": the closest known word to a misspelt one, by edit distance. */
final class Suggestions {
    private Suggestions() {}

    /** The candidate closest to {@code word}, when it is close enough to be a likely typo. */
    static Optional<String> closest(String word, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int d = candidate.equalsIgnoreCase(word) ? 0 : distance(word.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        if (best == null || bestDistance > Math.max(2, word.length() / 3)) {
            // an abbreviation ("prod" for "production") is as likely as a typo
            String lower = word.toLowerCase(Locale.ROOT);
            for (String candidate : candidates) {
                if (word.length() >= 3 && candidate.toLowerCase(Locale.ROOT).startsWith(lower)) return Optional.of(candidate);
            }
        }
        // one edit per three letters (at least 2) still reads as a typo; more is a different word
        int allowed = Math.max(2, word.length() / 3);
        return best != null && bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** Levenshtein distance, with an adjacent transposition counted as one edit ("desriedCount"). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
