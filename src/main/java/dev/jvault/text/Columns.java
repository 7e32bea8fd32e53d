package dev.jvault.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Rows of text in aligned columns: each column but the last as wide as its widest cell plus two
 * spaces. Cells are shown through {@link TerminalText#escape}: they hold names and values from files.
 */
public final class Columns {

    private final List<String[]> rows = new ArrayList<>();

    public Columns row(String... cells) {
        String[] shown = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            shown[i] = TerminalText.escape(cells[i]);
        }
        rows.add(shown);
        return this;
    }

    public String render() {
        int columns = rows.stream().mapToInt(row -> row.length).max().orElse(0);
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < row.length - 1; i++) {
                widths[i] = Math.max(widths[i], row[i].length() + 2);
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]);
                if (i < row.length - 1) {
                    line.append(" ".repeat(widths[i] - row[i].length()));
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
