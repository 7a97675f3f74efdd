package dev.freeport.lab;

import java.util.List;
import java.util.Map;

/**
 * The verdict on moving an alias to a candidate ({@code freeport migrate report}, {@code GET
 * /admin/migrate/report}), computed by {@link ReportBuilder} from the lab's samples and results and the alias's
 * ledger volume. Money is nano-dollars.
 *
 * @param samples requests of the alias the lab holds (since the report's start)
 * @param volume  the alias's traffic in the ledger over the last 30 days (what a move would apply to)
 */
public record MigrationReport(String alias, long sinceMillis, int samples, Volume volume,
                              List<Candidate> candidates) {

    /** Requests and cost of the alias over the last 30 days of the ledger. */
    public record Volume(long requests, long costNanos) {
    }

    /**
     * One candidate against the incumbent.
     *
     * @param compared      samples both answered (the base of every share and rate below)
     * @param failed        samples the candidate failed to answer (counted in compared, never as good)
     * @param refused       samples the rules kept from the candidate (nothing sent; not compared)
     * @param asGood        compared samples where the candidate is as good or better: it answered, fails no check
     *                      the incumbent passed, and the judge (where it judged) did not find it worse
     * @param interval      95 % Wilson score interval of {@code asGood / compared}
     * @param failureRates  per check, the share of compared samples failing it: candidate and incumbent
     * @param costNanos     summed over the samples both answered: candidate and incumbent
     * @param monthlySavingNanos what the alias's last 30 days would have cost less on the candidate (negative: more)
     * @param agreement     how alike the two answers are (null when not computed)
     * @param judged        the LLM judge's verdicts on these pairs, and what judging cost
     * @param byCluster     by cluster of similar prompts (labelled by the most typical prompt's first words)
     * @param shortfalls    the clusters where the candidate falls short, in words ("fails on json requests from
     *                      team search: ...")
     */
    public record Candidate(String name, int compared, int failed, int refused, int asGood, Interval interval,
                            Map<String, Rates> failureRates, Latency latency, Latency incumbentLatency,
                            long costNanos, long incumbentCostNanos, int costed, long monthlySavingNanos,
                            Map<String, Group> byTeam, Map<String, Group> byKey, Map<String, Group> byTag,
                            Map<String, Group> byKind, Map<String, Group> byCluster, List<String> shortfalls,
                            Agreement agreement, Judged judged, List<Example> worst, String suggestion) {

        /** Cost per request (nano-dollars, over the samples both answered). */
        public long costPerRequestNanos() {
            return costed == 0 ? 0 : costNanos / costed;
        }

        public long incumbentCostPerRequestNanos() {
            return costed == 0 ? 0 : incumbentCostNanos / costed;
        }

        public double share() {
            return compared == 0 ? 0 : (double) asGood / compared;
        }
    }

    /**
     * Semantic agreement of the candidate's answers with the incumbent's: cosine similarity of their embeddings
     * (all-MiniLM-L6-v2), its median and how many pairs fall in each band (below 0.5, 0.5-0.7, 0.7-0.85, 0.85-0.95,
     * 0.95 and above).
     */
    public record Agreement(int pairs, double median, List<Integer> bands) {
        public static final List<Double> BOUNDS = List.of(0.5, 0.7, 0.85, 0.95);
    }

    /** The judge's verdicts on the candidate (better, same, worse than the incumbent) and their cost. */
    public record Judged(int judged, int better, int same, int worse, long costNanos) {
    }

    /** A share's 95 % confidence interval. */
    public record Interval(double low, double high) {
    }

    /** A check's failure rate for the candidate and for the incumbent, over the same samples. */
    public record Rates(double candidate, double incumbent) {
    }

    /** Latency percentiles in milliseconds (nearest rank), total and time to first token (null when unknown). */
    public record Latency(long p50, long p95, long p99, Long ttftP50) {
    }

    /** A slice of the compared samples (a team, a key, a kind of request) and how the candidate did on it. */
    public record Group(int compared, int asGood, Interval interval) {
    }

    /** One of the candidate's worst answers, next to the incumbent's. */
    public record Example(String sampleId, String prompt, String incumbent, String candidate, List<String> failures,
                          String judgeReason) {
    }
}
