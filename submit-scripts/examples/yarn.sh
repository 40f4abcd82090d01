#!/usr/bin/env bash
# corpus -> word2vec on YARN with data on HDFS. Needs a Spark 3.5 installation (SPARK_HOME) and the cluster's
# client configuration (HADOOP_CONF_DIR with core-site.xml, hdfs-site.xml, yarn-site.xml).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
: "${SPARK_HOME:?set SPARK_HOME to a Spark 3.5 installation}"
: "${HADOOP_CONF_DIR:?set HADOOP_CONF_DIR to the cluster client configuration}"
INPUT="${INPUT:-hdfs:///data/text}"
OUT="${OUT:-hdfs:///embeddings}"
QUEUE="${QUEUE:-default}"
# GPUS_PER_EXECUTOR > 0: GPU executors (YARN 3.1+ with GPU scheduling, yarn.io/gpu, enabled; a jar built with
# -Pcuda; submit-scripts/gpu-discovery installed on every node at GPU_DISCOVERY).
GPUS_PER_EXECUTOR="${GPUS_PER_EXECUTOR:-0}"
GPU_DISCOVERY="${GPU_DISCOVERY:-/opt/embeddings/gpu-discovery}"
EXECUTORS=4

gpu=()
w2v=(--workers "$EXECUTORS" --threads 4)
cpus_per_task=4
if [ "$GPUS_PER_EXECUTOR" -gt 0 ]; then
  # Spark asks YARN for yarn.io/gpu; one training task per GPU, each with an equal share of the cores.
  cpus_per_task=$((4 / GPUS_PER_EXECUTOR))
  gpu=(--conf spark.executor.resource.gpu.amount="$GPUS_PER_EXECUTOR" --conf spark.task.resource.gpu.amount=1
       --conf spark.executor.resource.gpu.discoveryScript="$GPU_DISCOVERY"
       --conf spark.executorEnv.CUDA_DEVICE_ORDER=PCI_BUS_ID)
  w2v=(--workers $((EXECUTORS * GPUS_PER_EXECUTOR)) --threads 2 --backend nd4j)
fi

submit() {
  "$SPARK_HOME/bin/spark-submit" \
    --master yarn --deploy-mode client --queue "$QUEUE" \
    --properties-file "$ROOT/conf/spark-defaults.conf" \
    --driver-memory 4g --num-executors "$EXECUTORS" --executor-cores 4 --executor-memory 6g \
    --conf spark.task.cpus="$cpus_per_task" "${gpu[@]}" \
    --conf spark.yarn.maxAppAttempts=1 \
    --conf "spark.executor.extraJavaOptions=$(sed -n 's/^spark\.executor\.extraJavaOptions[[:space:]]*//p' \
        "$ROOT/conf/spark-defaults.conf") -Dorg.bytedeco.javacpp.cachedir=./javacpp-cache" \
    --class dev.embeddings.cli.Main "$ROOT/spark-jobs/target/embeddings.jar" "$@"
}

submit corpus --input "$INPUT" --output "$OUT/corpus" --shards 16 --overwrite
# One worker per executor, each training with spark.task.cpus threads; with GPUs, one worker per GPU.
submit word2vec --corpus "$OUT/corpus" --output "$OUT/w2v" "${w2v[@]}" --epochs 5 --overwrite
