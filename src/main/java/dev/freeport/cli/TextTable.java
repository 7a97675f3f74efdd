package dev.freeport.cli;

import java.util.ArrayList;
import java.util.List;

/** Left-aligned plain-text columns for the terminal: a header row, then rows; two spaces between columns. */
final class TextTable {
    private final List<String[]> rows = new ArrayList<>();

    TextTable(String... header) {
        rows.add(header);
    }

    TextTable row(String... cells) {
        rows.add(cells);
        return this;
    }

    String render(String indent) {
        int[] w = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                w[i] = Math.max(w[i], r[i] == null ? 1 : r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder(indent);
            for (int i = 0; i < r.length; i++) {
                String cell = r[i] == null ? "-" : r[i];
                line.append(i == r.length - 1 ? cell : String.format("%-" + (w[i] + 2) + "s", cell));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }
}
