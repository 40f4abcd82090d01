package dev.embeddings.finetune;

/** The downstream task of a fine-tuning run, which fixes the input format and the allowed models. */
public enum FineTuneTaskKind {
    /** {@code label<TAB>text} lines; models cnn or average. */
    CLASSIFICATION(ModelKind.CNN),
    /** CoNLL columns (word first, tag last); models crf or bilstm. */
    NER(ModelKind.CRF);

    private final ModelKind defaultModel;

    FineTuneTaskKind(ModelKind defaultModel) {
        this.defaultModel = defaultModel;
    }

    public ModelKind defaultModel() {
        return defaultModel;
    }

    public boolean accepts(ModelKind model) {
        return model.isTagger() == (this == NER);
    }
}
