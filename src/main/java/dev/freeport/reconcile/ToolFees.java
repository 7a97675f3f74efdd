package dev.freeport.reconcile;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Server-tool fees (web search billed per call): Freeport prices them inside each request's recorded cost (Anthropic's
 * {@code server_tool_use}, Moonshot's {@code $web_search}), while the vendors' cost reports list them apart, as a
 * line of their own ({@code (web_search)}). When a day's non-token lines are matched, within the tolerance, by what the
 * ledger recorded above the bill on that day's model lines, both sides are the same money: the lines are explained so
 * and are no findings (unless their tokens differ).
 */
final class ToolFees {

    private ToolFees() {
    }

    static List<ReconcileReport.Line> net(List<ReconcileReport.Line> lines, Tolerance tol) {
        Map<LocalDate, List<ReconcileReport.Line>> byDay = new LinkedHashMap<>();
        lines.forEach(l -> byDay.computeIfAbsent(l.day(), d -> new ArrayList<>()).add(l));
        Map<ReconcileReport.Line, ReconcileReport.Line> replaced = new LinkedHashMap<>();
        byDay.values().forEach(day -> netDay(day, tol, replaced));
        return replaced.isEmpty() ? lines : lines.stream().map(l -> replaced.getOrDefault(l, l)).toList();
    }

    private static void netDay(List<ReconcileReport.Line> day, Tolerance tol,
                               Map<ReconcileReport.Line, ReconcileReport.Line> replaced) {
        List<ReconcileReport.Line> fees = day.stream().filter(ToolFees::isFee).toList();
        List<ReconcileReport.Line> over = day.stream().filter(l -> l.ledger() != null && l.costDiffNanos() != null
                && l.costDiffNanos() < 0).toList();
        if (fees.isEmpty() || over.isEmpty()) {
            return;
        }
        long billedFees = fees.stream().mapToLong(l -> l.billed().costNanos()).sum();
        long recordedAbove = over.stream().mapToLong(l -> -l.costDiffNanos()).sum();
        if (!tol.moneyWithin(recordedAbove - billedFees, billedFees)) {
            return;
        }
        String names = String.join(", ", fees.stream().map(ReconcileReport.Line::model).toList());
        List<String> models = new ArrayList<>();
        for (ReconcileReport.Line l : over) {
            models.add(l.model());
            List<String> why = new ArrayList<>(l.explanations().stream()
                    .filter(w -> !w.startsWith("same tokens, different price") && !w.startsWith("repriced:"))
                    .toList()); // the difference is the fees: repricing the tokens alone matches the bill too
            why.add("server-tool fees: the recorded cost includes $" + ReconcileReport.usd(-l.costDiffNanos())
                    + " the bill lists apart as " + names);
            replaced.put(l, new ReconcileReport.Line(l.day(), l.model(), l.ledger(), l.billed(), tokenFinding(l, tol),
                    why));
        }
        for (ReconcileReport.Line f : fees) {
            replaced.put(f, new ReconcileReport.Line(f.day(), f.model(), null, f.billed(), false, List.of(
                    "non-token charge " + f.model() + ": recorded by Freeport inside the requests' costs of "
                            + String.join(", ", models) + " ($" + ReconcileReport.usd(recordedAbove) + " that day)")));
        }
    }

    private static boolean isFee(ReconcileReport.Line l) {
        return l.ledger() == null && l.billed() != null && l.billed().costNanos() != null
                && l.billed().costNanos() > 0 && l.model().startsWith("(")
                && !l.model().equals(OpenAiExports.ALL_MODELS);
    }

    private static boolean tokenFinding(ReconcileReport.Line l, Tolerance tol) {
        return l.billed().tokens() != null && !tol.tokensWithin(l.tokenDiff(), l.billed().tokens().total());
    }
}
