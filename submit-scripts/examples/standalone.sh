#!/usr/bin/env bash
# corpus -> word2vec on a standalone Spark cluster, client mode (the exit status is the job's).
# A local one: submit-scripts/dev-cluster start 2   (prints spark://127.0.0.1:7077)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MASTER="${MASTER:-spark://127.0.0.1:7077}"
SPARK_HOME="${SPARK_HOME:-$ROOT/spark-runtime/target/spark-home}"   # or a real Spark 3.5 installation
OUT="${OUT:-$ROOT/out/standalone}"
export SPARK_HOME

# submit-scripts/embeddings runs spark-submit for us when SPARK_HOME and --master are set; extra flags go in
# EMBEDDINGS_SUBMIT_ARGS.
export EMBEDDINGS_SUBMIT_ARGS="--executor-memory 1g --total-executor-cores 2 --conf spark.task.cpus=1"
"$ROOT/submit-scripts/embeddings" corpus --master "$MASTER" --input "$ROOT/data-samples/planted.txt.gz" \
  --output "$OUT/corpus" --shards 2 --overwrite
"$ROOT/submit-scripts/embeddings" word2vec --master "$MASTER" --corpus "$OUT/corpus" --output "$OUT/w2v" \
  --workers 2 --epochs 5 --overwrite

# The same with a real installation's spark-submit, spelled out:
#   $SPARK_HOME/bin/spark-submit --master spark://HOST:7077 --deploy-mode client \
#     --properties-file conf/spark-defaults.conf --driver-memory 4g --executor-memory 4g \
#     --total-executor-cores 8 --conf spark.task.cpus=4 \
#     --class dev.embeddings.cli.Main spark-jobs/target/embeddings.jar \
#     word2vec --corpus hdfs:///data/corpus --output hdfs:///vectors/w2v --workers 2 --threads 4

# GPU executors on a standalone cluster: each Worker announces its GPUs (in conf/spark-env.sh on every node),
#   SPARK_WORKER_OPTS="-Dspark.worker.resource.gpu.amount=2 \
#     -Dspark.worker.resource.gpu.discoveryScript=/opt/embeddings/gpu-discovery"
# and the application asks for them, one training task per GPU, on a jar built with -Pcuda:
#   $SPARK_HOME/bin/spark-submit --master spark://HOST:7077 --deploy-mode client \
#     --properties-file conf/spark-defaults.conf --executor-cores 4 --executor-memory 6g \
#     --conf spark.executor.resource.gpu.amount=2 --conf spark.task.resource.gpu.amount=1 \
#     --conf spark.task.cpus=2 --conf spark.executorEnv.CUDA_DEVICE_ORDER=PCI_BUS_ID \
#     --class dev.embeddings.cli.Main spark-jobs/target/embeddings.jar \
#     word2vec --corpus hdfs:///data/corpus --output hdfs:///vectors/w2v --backend nd4j --workers 4 --threads 2
