#!/usr/bin/env bash
# corpus -> word2vec on Kubernetes, with an optional GPU variant. Needs a Spark 3.5 installation (SPARK_HOME),
# an image with Java 17 and this project's jar at /opt/embeddings/embeddings.jar (built from spark-jobs/target,
# or from `mvn -B -Pcuda package -DskipTests` for GPUs, on a CUDA 11.6 base image), and data on a shared store.
#
# s3a:// needs hadoop-aws and its AWS SDK bundle in the image's Spark (docs/operations.md, "The s3a jars") and
# credentials: an IAM role for the pods (fs.s3a.aws.credentials.provider, see "s3a settings and credentials"), or
# S3_CONF="--conf spark.hadoop.fs.s3a.endpoint=... --conf spark.hadoop.fs.s3a.path.style.access=true" for MinIO/Ceph.
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
GPU="${GPU:-0}"   # 1: GPU executors (needs the cuda image, the NVIDIA device plugin and /opt/embeddings/gpu-discovery)
GPUS_PER_EXECUTOR="${GPUS_PER_EXECUTOR:-1}"
EXECUTORS=4

args=(
  --master "$K8S" --deploy-mode client
  --properties-file "$ROOT/conf/spark-defaults.conf"
  --conf spark.kubernetes.namespace="$NAMESPACE"
  --conf spark.kubernetes.container.image="$IMAGE"
  --conf spark.kubernetes.authenticate.driver.serviceAccountName=spark
  --conf spark.driver.host="${POD_IP:-$(hostname -i)}"
  --conf spark.executor.instances=$EXECUTORS --conf spark.executor.cores=4 --conf spark.executor.memory=6g
)
# shellcheck disable=SC2206
args+=(${S3_CONF:-})
w2v=(--workers "$EXECUTORS" --threads 4)
if [ "$GPU" = 1 ]; then
  args+=(
    # GPUS_PER_EXECUTOR GPUs per executor (Spark asks the device plugin for nvidia.com/gpu) and one training task
    # per GPU: each task holds one GPU and an equal share of the executor's cores.
    --conf spark.executor.resource.gpu.amount="$GPUS_PER_EXECUTOR"
    --conf spark.task.resource.gpu.amount=1
    --conf spark.task.cpus=$((4 / GPUS_PER_EXECUTOR))
    --conf spark.executor.resource.gpu.vendor=nvidia.com
    # submit-scripts/gpu-discovery, copied into the image: {"name":"gpu","addresses":[...]} from nvidia-smi.
    --conf spark.executor.resource.gpu.discoveryScript=/opt/embeddings/gpu-discovery
    # CUDA numbers devices fastest-first unless told otherwise; nvidia-smi's indices are in PCI order.
    --conf spark.executorEnv.CUDA_DEVICE_ORDER=PCI_BUS_ID
  )
  # One worker (training task) per GPU, on the ND4J CUDA backend; two threads feed each GPU.
  w2v=(--workers $((EXECUTORS * GPUS_PER_EXECUTOR)) --threads 2 --backend nd4j)
else
  args+=(--conf spark.task.cpus=4)
fi
submit() {
  "$SPARK_HOME/bin/spark-submit" "${args[@]}" --class dev.embeddings.cli.Main \
    local:///opt/embeddings/embeddings.jar "$@"
}

submit corpus --input "$INPUT" --output "$OUT/corpus" --shards 16 --overwrite
submit word2vec --corpus "$OUT/corpus" --output "$OUT/w2v" "${w2v[@]}" --epochs 5 --overwrite
