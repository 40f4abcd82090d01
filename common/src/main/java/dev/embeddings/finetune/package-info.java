/**
 * Fine-tuning: downstream tasks that consume word vectors, to compare pretrained against random initialisation.
 *
 * <p>The pieces, in the order a run uses them ({@link dev.embeddings.finetune.FineTuneJob} wires them locally):
 * <ol>
 *   <li>read examples: {@link dev.embeddings.finetune.ClassificationReader} ({@code label<TAB>text}) or
 *       {@link dev.embeddings.finetune.ConllReader} (CoNLL columns, IOB1 or IOB2 in, IOB2 out);</li>
 *   <li>build the task from the training split ({@link dev.embeddings.finetune.ClassificationTask#fromTraining},
 *       {@link dev.embeddings.finetune.TaggingTask#fromTraining}): label order, and the vocabulary (training
 *       words, plus dev/test words that have a pretrained vector);</li>
 *   <li>initial embeddings: {@link dev.embeddings.finetune.EmbeddingMatrix} from
 *       {@link dev.embeddings.finetune.PretrainedVectors} or random;</li>
 *   <li>network: {@link dev.embeddings.finetune.Networks#configuration} then
 *       {@link dev.embeddings.finetune.Networks#create} (a DL4J {@code ComputationGraph}; the CRF tagger's output
 *       layer is in {@link dev.embeddings.finetune.crf}), its optimiser, weight decay, learning-rate schedule and
 *       clipping from {@link dev.embeddings.finetune.OptimizerConfig};</li>
 *   <li>data: {@link dev.embeddings.finetune.FineTuneTask#batches} gives padded, masked {@code MultiDataSet}s of
 *       examples of similar length;</li>
 *   <li>training: {@link dev.embeddings.finetune.LocalTrainer} runs the epochs, scores dev and stops early; an
 *       {@link dev.embeddings.finetune.EpochFitter} fits each epoch's minibatches, in this JVM
 *       ({@code EpochFitter.LOCAL}) or on Spark ({@code SparkEpochFitter} in spark-jobs, DL4J parameter
 *       averaging);</li>
 *   <li>scoring and saving: {@link dev.embeddings.finetune.FineTuneTask#report} (scikit-learn's classification
 *       report, for NER with conlleval-style entity scores), {@link dev.embeddings.finetune.FineTuneReport}
 *       ({@code report.json}), {@link dev.embeddings.finetune.ModelDirectory} and
 *       {@link dev.embeddings.finetune.Predictor}.</li>
 * </ol>
 */
package dev.embeddings.finetune;
