/**
 * The linear-chain CRF of the NER tagger ({@code --model crf}): {@link dev.embeddings.finetune.crf.LinearChainCrf}
 * (forward-backward, gradients, Viterbi on primitive arrays) under
 * {@link dev.embeddings.finetune.crf.TagConstraints} (valid IOB2 only), wrapped as a DL4J output layer,
 * {@link dev.embeddings.finetune.crf.CrfOutputLayer}, whose parameters, scores and gradients DL4J's updaters,
 * serialisation and Spark parameter averaging handle like any other layer's.
 */
package dev.embeddings.finetune.crf;
