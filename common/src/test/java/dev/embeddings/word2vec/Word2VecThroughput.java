package dev.embeddings.word2vec;

import com.sun.management.OperatingSystemMXBean;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Words/s of the trainer on the planted-relations corpus, for comparison with fastText on the same text file
 * (which it leaves in the given directory). Not a test: run it from the test classpath, e.g.
 * {@code java -cp common/target/classes:common/target/test-classes:... dev.embeddings.word2vec.Word2VecThroughput
 * DIR SENTENCES THREADS}. Vocabulary as fastText's {@code -minCount 5}; one line per sentence. Reports words per
 * CPU-second too, which stays comparable when other processes share the cores.
 */
public final class Word2VecThroughput {

    private Word2VecThroughput() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Files.createDirectories(Path.of(args[0]));
        int sentences = Integer.parseInt(args[1]);
        int threads = Integer.parseInt(args[2]);
        PlantedCorpus corpus = PlantedCorpus.generate(dir, 1, sentences, 5);
        System.out.printf("corpus %s: %d sentences, %d tokens, vocabulary %d%n", corpus.textFile(),
                corpus.sentences().size(), corpus.tokens(), corpus.vocabulary().size());
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (Word2VecConfig.Backend backend : Word2VecConfig.Backend.values()) {
            for (Word2VecConfig.Architecture architecture : Word2VecConfig.Architecture.values()) {
                for (Word2VecConfig.Loss loss : Word2VecConfig.Loss.values()) {
                    if (backend == Word2VecConfig.Backend.ND4J && loss == Word2VecConfig.Loss.HS) {
                        continue;
                    }
                    Word2VecConfig config = Word2VecConfig.builder().model(architecture).loss(loss).backend(backend)
                            .threads(threads).build();
                    measure(corpus, config, os);
                }
            }
        }
    }

    private static void measure(PlantedCorpus corpus, Word2VecConfig config, OperatingSystemMXBean os)
            throws IOException {
        Word2VecModel model = Word2VecModel.initialize(corpus.vocabulary().size(), config.dim(), config.loss(), 1);
        long start = System.nanoTime();
        long cpuStart = os.getProcessCpuTime();
        TrainingProgress last = new Word2VecTrainer(config, model, corpus.vocabulary().counts())
                .trainEpochs(epoch -> corpus.sources(config.threads()), corpus.tokens(), ProgressListener.NONE);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (os.getProcessCpuTime() - cpuStart) / 1e9;
        double words = config.epochs() * (double) corpus.tokens();
        System.out.printf("%s %s %s dim %d, %d epochs, %d threads: %.0f words/s (%.0f words/s/thread), "
                        + "%.0f words/CPU-s, final epoch loss %.4f%n", config.model(), config.loss(), config.backend(),
                config.dim(), config.epochs(), config.threads(), words / seconds, words / seconds / config.threads(),
                words / cpuSeconds, last.meanLoss());
    }
}
