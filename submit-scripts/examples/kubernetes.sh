#!/usr/bin/env bash
# corpus -> word2vec on Kubernetes, with an optional GPU variant. Needs a Spark 3.5 installation (SPARK_HOME),
# an image with Java 17 and this project's jar at /opt/embeddings/embeddings.jar (built from spark-jobs/target,
# or from `mvn -B -Pcuda package -DskipTests` for GPUs, on a CUDA 11.6 base image), and data on a shared store.
#
# Client mode from a pod (or a host the executors can reach) keeps the exit status honest; the driver address
# must be reachable from the executors (spark.driver.host = the pod IP, a headless service for the driver pod).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
: "${SPARK_HOME:?set SPARK_HOME to a Spark 3.5 installation}"
K8S="${K8S:-k8s://https://kubernetes.default.svc:443}"
IMAGE="${IMAGE:-registry.example.com/embeddings:0.1.0}"
NAMESPACE="${NAMESPACE:-embeddings}"
INPUT="${INPUT:-s3a://bucket/text}"
OUT="${OUT:-s3a://bucket/embeddings}"
GPU="${GPU:-0}"   # 1: executors with one GPU each (needs the cuda image and the NVIDIA device plugin)

args=(
  --master "$K8S" --deploy-mode client
  --properties-file "$ROOT/conf/spark-defaults.conf"
  --conf spark.kubernetes.namespace="$NAMESPACE"
  --conf spark.kubernetes.container.image="$IMAGE"
  --conf spark.kubernetes.authenticate.driver.serviceAccountName=spark
  --conf spark.driver.host="${POD_IP:-$(hostname -i)}"
  --conf spark.executor.instances=4 --conf spark.executor.cores=4 --conf spark.executor.memory=6g
  --conf spark.task.cpus=4
)
if [ "$GPU" = 1 ]; then
  args+=(
    # One GPU per executor, one task per GPU; Spark asks the device plugin for nvidia.com/gpu.
    --conf spark.executor.resource.gpu.amount=1
    --conf spark.task.resource.gpu.amount=1
    --conf spark.executor.resource.gpu.vendor=nvidia.com
    # Prints {"name": "gpu", "addresses": [...]} for the GPUs visible in the executor container.
    --conf spark.executor.resource.gpu.discoveryScript=/opt/spark/examples/src/main/scripts/getGpusResources.sh
  )
fi
submit() {
  "$SPARK_HOME/bin/spark-submit" "${args[@]}" --class dev.embeddings.cli.Main \
    local:///opt/embeddings/embeddings.jar "$@"
}

submit corpus --input "$INPUT" --output "$OUT/corpus" --shards 16 --overwrite
submit word2vec --corpus "$OUT/corpus" --output "$OUT/w2v" --workers 4 --threads 4 --epochs 5 --overwrite
