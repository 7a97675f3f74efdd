package dev.freeport.cli;

import dev.freeport.route.complexity.ComplexityEval;
import dev.freeport.route.complexity.EmbeddingComplexityScorer;
import dev.freeport.route.complexity.LabelledPrompt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;

/**
 * {@code freeport complexity "prompt"} scores one prompt and says which side of the threshold for {@code --share}
 * it lands on; {@code freeport complexity --eval} evaluates the scorer on the bundled held-out prompts.
 */
@Command(name = "complexity", mixinStandardHelpOptions = true,
        description = "Score a prompt's difficulty, or evaluate the complexity scorer (--eval).")
final class ComplexityCommand extends CliCommand {

    @Parameters(arity = "0..1", paramLabel = "PROMPT", description = "The prompt to score (a single user turn).")
    String prompt;

    @Option(names = "--eval", description = "Evaluate on the held-out split of the bundled labelled prompts.")
    boolean eval;

    @Option(names = "--share", defaultValue = "0.2",
            description = "Share of traffic meant for the strong model (default: ${DEFAULT-VALUE}).")
    double share;

    @Override
    int execute() {
        PrintWriter out = out();
        if (!eval && (prompt == null || prompt.isBlank())) {
            throw CliFailure.usage("nothing to score: give a prompt (freeport complexity \"Prove that √2 is"
                    + " irrational\"), or --eval to evaluate the scorer on its held-out prompts");
        }
        if (!(share >= 0 && share <= 1)) {
            throw CliFailure.usage("--share must be within 0..1");
        }
        long t0 = System.nanoTime();
        EmbeddingComplexityScorer scorer = EmbeddingComplexityScorer.shared();
        out.printf("scorer: %s (loaded in %d ms)%n", scorer.name(), (System.nanoTime() - t0) / 1_000_000);
        if (eval) {
            out.print(ComplexityEval.run(scorer, LabelledPrompt.split(LabelledPrompt.bundled(), true)).format());
        }
        if (prompt != null) {
            long t1 = System.nanoTime();
            double score = scorer.scorePrompt(prompt);
            long micros = (System.nanoTime() - t1) / 1000;
            double threshold = scorer.thresholdForShare(share);
            out.printf("score: %.4f (first call, %d µs)%nthreshold for %.0f%% strong: %.4f%nverdict: %s%n", score,
                    micros, share * 100, threshold, score >= threshold ? "hard -> strong model" : "easy -> cheap model");
        }
        return 0;
    }
}
