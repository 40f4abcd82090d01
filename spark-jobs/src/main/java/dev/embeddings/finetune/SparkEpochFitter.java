package dev.embeddings.finetune;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/**
 * Fits each epoch on Spark with DL4J's {@link ParameterAveragingTrainingMaster}: the epoch's minibatches are spread
 * over {@code workers} partitions, each worker trains a copy of the network (with its Adam state) on
 * {@code averagingFrequency} minibatches, then parameters and updater state are averaged on the driver, until
 * the epoch is used up. The averaged parameters end up in the driver's network, where dev is scored.
 *
 * <p>One instance per run: it keeps the Spark wrapper of the network it was first given.
 */
public final class SparkEpochFitter implements EpochFitter {

    private final JavaSparkContext spark;
    private final int workers;
    private final int averagingFrequency;
    private final int batchSize;
    private final long seed;
    private SparkComputationGraph sparkNet;

    public SparkEpochFitter(JavaSparkContext spark, int workers, int averagingFrequency, int batchSize, long seed) {
        if (workers < 1 || averagingFrequency < 1 || batchSize < 1) {
            throw new IllegalArgumentException("workers, averaging frequency and batch size must be at least 1, got "
                    + workers + ", " + averagingFrequency + ", " + batchSize);
        }
        this.spark = spark;
        this.workers = workers;
        this.averagingFrequency = averagingFrequency;
        this.batchSize = batchSize;
        this.seed = seed;
    }

    @Override
    public void fit(ComputationGraph net, List<MultiDataSet> batches) {
        if (sparkNet == null || sparkNet.getNetwork() != net) {
            sparkNet = new SparkComputationGraph(spark, net, trainingMaster());
        }
        JavaRDD<MultiDataSet> data = spark.parallelize(batches, workers);
        sparkNet.fitMultiDataSet(data);
        data.unpersist(false);
        ComputationGraph trained = sparkNet.getNetwork();
        if (trained != net) {
            net.setParams(trained.params());
        }
    }

    /**
     * DL4J-Spark splits an epoch into rounds of {@code workers x averagingFrequency} minibatches, rounded down (at
     * least one round; the remainder spread over them), and advances the iteration count by
     * {@code averagingFrequency} a round.
     */
    @Override
    public long steps(int batches) {
        return Math.max(1, batches / ((long) workers * averagingFrequency)) * averagingFrequency;
    }

    private ParameterAveragingTrainingMaster trainingMaster() {
        // Each RDD element is already one minibatch (rddDataSetNumExamples = batchSizePerWorker): no re-batching.
        // Direct: workers read the minibatches from the RDD instead of exporting them to files first.
        return new ParameterAveragingTrainingMaster.Builder(workers, batchSize)
                .batchSizePerWorker(batchSize)
                .averagingFrequency(averagingFrequency)
                .workerPrefetchNumBatches(0)
                .saveUpdater(true)
                .rddTrainingApproach(RDDTrainingApproach.Direct)
                .repartionData(Repartition.NumPartitionsWorkersDiffers)
                .rngSeed(seed)
                .build();
    }
}
