package dev.jvault.text;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** "Did you mean ...?": the known names closest to a mistyped one, by edit distance. */
public final class Suggestions {

    private Suggestions() {
    }

    /**
     * The names within a typo's reach of {@code typed} (one edit for short names, a third of the
     * length for longer ones), closest first; empty when none is close enough to be a guess.
     */
    public static List<String> closest(String typed, Collection<String> known) {
        int reach = Math.max(1, typed.length() / 3);
        List<String> near = known.stream()
                .filter(name -> distance(typed, name) <= reach)
                .sorted(Comparator.comparingInt((String name) -> distance(typed, name)).thenComparing(name -> name))
                .toList();
        return near.isEmpty() ? near : near.stream().filter(name -> distance(typed, name) == distance(typed, near.getFirst()))
                .toList();
    }

    /** {@code "; did you mean a?"} or {@code "; did you mean a or b?"}, or empty when nothing is close. */
    public static Optional<String> didYouMean(String typed, Collection<String> known) {
        List<String> near = closest(typed, known);
        return near.isEmpty() ? Optional.empty() : Optional.of("; did you mean " + String.join(" or ", near) + "?");
    }

    /** Levenshtein distance, with a swap of two neighbouring letters counted as one edit (as typos are). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int substitution = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + substitution);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
