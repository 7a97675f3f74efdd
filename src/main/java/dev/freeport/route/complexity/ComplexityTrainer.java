package dev.freeport.route.complexity;

import dev.freeport.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Trains the complexity classifier from the train split of the labelled set, deterministically: the classifier
 * on all train prompts, and calibration scores from a 5-fold split (prompt i in fold i mod 5), each prompt
 * scored by the model that did not see it, so thresholds are read from scores like those of unseen traffic
 * (in-sample scores are over-confident and would put the thresholds too far out).
 *
 * <p>Re-generate the committed weights after editing the set:
 * {@code java -cp target/freeport.jar dev.freeport.route.complexity.ComplexityTrainer
 * src/main/resources/complexity/model-v1.json}
 */
public final class ComplexityTrainer {
    /** L2 strength, chosen by 5-fold cross-validation on the train split (docs/COMPLEXITY.md). */
    public static final double LAMBDA = 0.05;
    static final int FOLDS = 5;

    private ComplexityTrainer() {
    }

    /** The classifier inputs of {@code prompts}, one row each. */
    public static double[][] inputs(Embedder embedder, List<LabelledPrompt> prompts) {
        double[][] x = new double[prompts.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = EmbeddingComplexityScorer.inputs(embedder, RequestText.ofUser(prompts.get(i).text()));
        }
        return x;
    }

    /**
     * Fixed weights (logit per unit of the feature, and the feature's neutral value) for features that the
     * labelled set cannot teach because every prompt in it is a single user turn without tools: a feature that
     * never varies in training gets weight 0 from the fit, which would make a request with eight tools score
     * like the same text without them. Used only when the train split has no variance in the feature.
     * Offering tools: +0.8 logit per log(1+tools), so four tools add about 1.3; each doubling of the
     * conversation adds about 0.2.
     */
    record Prior(String feature, double neutral, double weight) {
    }

    static final List<Prior> PRIORS = List.of(
            new Prior("log_tools", 0.0, 0.8),
            new Prior("log_messages", Math.log1p(1), 0.3));

    /** Weights and calibration trained on {@code x}/{@code y} (the train split's inputs and labels). */
    public static ScorerWeights train(double[][] x, boolean[] y, double lambda, String datasetSha) {
        LogisticModel model = withPriors(LogisticModel.train(x, y, lambda));
        double[] calibration = outOfFold(x, y, lambda);
        Arrays.sort(calibration);
        return new ScorerWeights(model, lambda, calibration, datasetSha);
    }

    /** {@code m} with {@link #PRIORS} in place of the features that had no variance in training. */
    static LogisticModel withPriors(LogisticModel m) {
        double[] mean = m.mean().clone();
        double[] std = m.std().clone();
        double[] w = m.weights().clone();
        for (Prior p : PRIORS) {
            int i = Embedder.DIMENSIONS + Features.NAMES.indexOf(p.feature());
            if (std[i] <= 1e-6) {
                mean[i] = p.neutral();
                std[i] = 1.0;
                w[i] = p.weight();
            }
        }
        return new LogisticModel(mean, std, w, m.bias());
    }

    /** Each row's score by the model trained on the other folds. */
    public static double[] outOfFold(double[][] x, boolean[] y, double lambda) {
        double[] out = new double[x.length];
        for (int fold = 0; fold < FOLDS; fold++) {
            int k = fold;
            int[] in = IntStream.range(0, x.length).filter(i -> i % FOLDS != k).toArray();
            double[][] tx = new double[in.length][];
            boolean[] ty = new boolean[in.length];
            for (int i = 0; i < in.length; i++) {
                tx[i] = x[in[i]];
                ty[i] = y[in[i]];
            }
            LogisticModel m = withPriors(LogisticModel.train(tx, ty, lambda));
            for (int i = fold; i < x.length; i += FOLDS) {
                out[i] = m.predict(x[i]);
            }
        }
        return out;
    }

    /** Labels of {@code prompts}. */
    public static boolean[] labels(List<LabelledPrompt> prompts) {
        boolean[] y = new boolean[prompts.size()];
        for (int i = 0; i < y.length; i++) {
            y[i] = prompts.get(i).hard();
        }
        return y;
    }

    /** SHA-256 of the bundled prompts file. */
    public static String datasetSha() {
        try (InputStream in = ComplexityTrainer.class.getResourceAsStream(LabelledPrompt.RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + LabelledPrompt.RESOURCE);
            }
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Trains from the bundled set; writes the weights to args[0]; with --cv, prints cross-validation first. */
    public static void main(String[] args) throws IOException {
        List<LabelledPrompt> train = LabelledPrompt.split(LabelledPrompt.bundled(), false);
        long t0 = System.nanoTime();
        Embedder embedder = new Embedder();
        double[][] x = inputs(embedder, train);
        boolean[] y = labels(train);
        System.out.printf("embedded %d train prompts in %d ms%n", x.length, (System.nanoTime() - t0) / 1_000_000);
        if (args.length > 1 && args[1].equals("--cv")) {
            for (double lambda : new double[] {0.001, 0.01, 0.03, 0.05, 0.1, 0.3}) {
                double[] s = outOfFold(x, y, lambda);
                System.out.printf("lambda %.3f: cv accuracy %.3f, cv auc %.3f%n", lambda,
                        ComplexityEval.accuracy(s, y, 0.5), ComplexityEval.auc(s, y));
            }
        }
        ScorerWeights w = train(x, y, LAMBDA, datasetSha());
        Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(Path.of(args[0]).toFile(), w.toJson());
        System.out.println("wrote " + args[0] + " (" + Files.size(Path.of(args[0])) + " bytes)");
    }
}
