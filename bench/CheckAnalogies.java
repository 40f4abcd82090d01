import dev.embeddings.eval.AnalogyConfig;
import dev.embeddings.eval.AnalogyEvaluator;
import dev.embeddings.eval.AnalogyQuestions;
import dev.embeddings.eval.AnalogyResult;
import dev.embeddings.vectors.WordVectors;
import java.nio.file.Path;
import java.util.Locale;

/**
 * CheckAnalogies VECTORS ANALOGIES MIN_ACCURACY: exits 0 when the vectors answer at least MIN_ACCURACY (a fraction)
 * of the analogy questions (3CosAdd), 1 otherwise. A single-file program for the integration scripts:
 * {@code java -cp spark-jobs/target/embeddings.jar bench/CheckAnalogies.java ...}.
 */
public final class CheckAnalogies {
    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: CheckAnalogies VECTORS ANALOGIES MIN_ACCURACY");
            System.exit(2);
        }
        WordVectors vectors = WordVectors.load(Path.of(args[0]));
        AnalogyResult result = AnalogyEvaluator.evaluate(vectors, AnalogyQuestions.read(Path.of(args[1])),
                AnalogyConfig.defaults());
        double min = Double.parseDouble(args[2]);
        System.out.printf(Locale.ROOT, "analogies: accuracy %.3f over %d of %d questions (minimum %.3f)%n",
                result.accuracy(), result.seen(), result.total(), min);
        System.exit(result.accuracy() >= min && result.seen() > 0 ? 0 : 1);
    }
}
