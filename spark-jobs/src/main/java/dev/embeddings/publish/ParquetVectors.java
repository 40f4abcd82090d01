package dev.embeddings.publish;

import dev.embeddings.matrix.FloatMatrix;
import dev.embeddings.vocab.Vocabulary;
import java.io.IOException;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * Writes {@code vectors.parquet} as one Parquet file of rows (word: string, vector: array&lt;float&gt;, count: long),
 * the schema Spark gives such a DataFrame, streamed row by row from the matrix: the writer holds one row group, not
 * the model (a DataFrame built on the driver would hold every value boxed).
 */
final class ParquetVectors {

    /** The file inside the {@code vectors.parquet/} directory. */
    static final String PART = "part-00000.parquet";

    private static final MessageType SCHEMA = Types.buildMessage()
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("word")
            .requiredList().requiredElement(PrimitiveTypeName.FLOAT).named("vector")
            .required(PrimitiveTypeName.INT64).named("count")
            .named("spark_schema");

    private ParquetVectors() {
    }

    /** Writes row i = vocabulary word i, its vector and count, to {@code file}. */
    static void write(Path file, Configuration conf, Vocabulary vocabulary, FloatMatrix vectors) throws IOException {
        try (ParquetWriter<Integer> writer = new Builder(file, vocabulary, vectors).withConf(conf)
                .withWriteMode(ParquetFileWriter.Mode.CREATE)
                .withCompressionCodec(CompressionCodecName.SNAPPY).build()) {
            for (int row = 0; row < vocabulary.size(); row++) {
                writer.write(row);
            }
        }
    }

    private static final class Builder extends ParquetWriter.Builder<Integer, Builder> {
        private final Vocabulary vocabulary;
        private final FloatMatrix vectors;

        Builder(Path file, Vocabulary vocabulary, FloatMatrix vectors) {
            super(file);
            this.vocabulary = vocabulary;
            this.vectors = vectors;
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Integer> getWriteSupport(Configuration conf) {
            return new RowWriteSupport(vocabulary, vectors);
        }
    }

    /** Writes the row whose index it is given: a three-level list, as Spark writes array columns. */
    private static final class RowWriteSupport extends WriteSupport<Integer> {
        private final Vocabulary vocabulary;
        private final FloatMatrix vectors;
        private RecordConsumer out;

        RowWriteSupport(Vocabulary vocabulary, FloatMatrix vectors) {
            this.vocabulary = vocabulary;
            this.vectors = vectors;
        }

        @Override
        public WriteContext init(Configuration configuration) {
            return new WriteContext(SCHEMA, Map.of());
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.out = recordConsumer;
        }

        @Override
        public void write(Integer row) {
            out.startMessage();
            out.startField("word", 0);
            out.addBinary(Binary.fromString(vocabulary.word(row)));
            out.endField("word", 0);

            out.startField("vector", 1);
            out.startGroup();
            out.startField("list", 0);
            float[] segment = vectors.segment(row);
            for (int k = vectors.offset(row), end = k + vectors.width(); k < end; k++) {
                out.startGroup();
                out.startField("element", 0);
                out.addFloat(segment[k]);
                out.endField("element", 0);
                out.endGroup();
            }
            out.endField("list", 0);
            out.endGroup();
            out.endField("vector", 1);

            out.startField("count", 2);
            out.addLong(vocabulary.count(row));
            out.endField("count", 2);
            out.endMessage();
        }
    }
}
