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

submit() {
  "$SPARK_HOME/bin/spark-submit" \
    --master yarn --deploy-mode client --queue "$QUEUE" \
    --properties-file "$ROOT/conf/spark-defaults.conf" \
    --driver-memory 4g --num-executors 4 --executor-cores 4 --executor-memory 6g \
    --conf spark.task.cpus=4 \
    --conf spark.yarn.maxAppAttempts=1 \
    --conf "spark.executor.extraJavaOptions=$(sed -n 's/^spark\.executor\.extraJavaOptions[[:space:]]*//p' \
        "$ROOT/conf/spark-defaults.conf") -Dorg.bytedeco.javacpp.cachedir=./javacpp-cache" \
    --class dev.embeddings.cli.Main "$ROOT/spark-jobs/target/embeddings.jar" "$@"
}

submit corpus --input "$INPUT" --output "$OUT/corpus" --shards 16 --overwrite
# One worker per executor, each training with spark.task.cpus threads.
submit word2vec --corpus "$OUT/corpus" --output "$OUT/w2v" --workers 4 --threads 4 --epochs 5 --overwrite
