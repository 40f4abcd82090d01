package dev.embeddings.finetune;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Arrays;
import java.util.Objects;

/**
 * A {@link MergeVertex} whose output mask is that of its masked inputs. DL4J's drops the mask when any input has
 * none, so per-word features pooled from characters (which leave the pooling unmasked) would unmask the padding of
 * the word features they join.
 */
public final class MaskedMergeVertex extends MergeVertex {

    @Override
    public GraphVertex instantiate(ComputationGraph graph, String name, int idx, INDArray paramsView,
                                   boolean initializeParams, DataType networkDatatype) {
        return new org.deeplearning4j.nn.graph.vertex.impl.MergeVertex(graph, name, idx, networkDatatype, mergeAxis) {
            @Override
            public Pair<INDArray, MaskState> feedForwardMaskArrays(INDArray[] maskArrays, MaskState currentMaskState,
                                                                   int minibatchSize) {
                INDArray[] present = maskArrays == null ? null
                        : Arrays.stream(maskArrays).filter(Objects::nonNull).toArray(INDArray[]::new);
                return super.feedForwardMaskArrays(present == null || present.length == 0 ? null : present,
                        currentMaskState, minibatchSize);
            }
        };
    }

    @Override
    public MaskedMergeVertex clone() {
        MaskedMergeVertex copy = new MaskedMergeVertex();
        copy.setMergeAxis(getMergeAxis());
        copy.setModified(isModified());
        return copy;
    }
}
