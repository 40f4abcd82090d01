package dev.embeddings.publish;

import dev.embeddings.matrix.FloatMatrix;
import dev.embeddings.vocab.Vocabulary;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.IntToLongFunction;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;

/**
 * Writes word vectors as one Parquet file of rows (word: string, vector: array&lt;float&gt;, count: long, null when
 * the source has no counts), the schema Spark gives such a DataFrame, streamed row by row: the writer holds one row
 * group, not the model (a DataFrame built on the driver would hold every value boxed). The file goes to an
 * {@link OutputStream}, so callers decide where it lands (a checksummed training output, a file that appears only
 * when complete).
 */
public final class ParquetVectors implements Closeable {

    /** The file inside a {@code vectors.parquet/} directory. */
    public static final String PART = "part-00000.parquet";
    /** The value of {@link #write}'s {@code count} for a word whose count is unknown: the column is null. */
    public static final long NO_COUNT = -1;

    private static final MessageType SCHEMA = Types.buildMessage()
            .required(PrimitiveTypeName.BINARY).as(LogicalTypeAnnotation.stringType()).named("word")
            .requiredList().requiredElement(PrimitiveTypeName.FLOAT).named("vector")
            .optional(PrimitiveTypeName.INT64).named("count")
            .named("spark_schema");

    private final ParquetWriter<Row> writer;
    private final Row row = new Row();
    private final int dimension;

    /** Starts a file of {@code dimension}-value vectors on {@code out}; closing finishes it (and leaves out open). */
    public ParquetVectors(OutputStream out, Configuration conf, int dimension) throws IOException {
        this.dimension = dimension;
        this.writer = new Builder(new StreamOutputFile(out)).withConf(conf)
                .withWriteMode(ParquetFileWriter.Mode.CREATE)
                .withCompressionCodec(CompressionCodecName.SNAPPY).build();
    }

    /** Writes row i = vocabulary word i, its vector and count, to {@code out}. */
    public static void write(OutputStream out, Configuration conf, Vocabulary vocabulary, FloatMatrix vectors)
            throws IOException {
        write(out, conf, vocabulary.size(), vocabulary::word, vocabulary::count, vectors);
    }

    /** Writes rows 0 to {@code rows - 1}: row i = {@code words(i)}, matrix row i and {@code counts(i)}. */
    public static void write(OutputStream out, Configuration conf, int rows, IntFunction<String> words,
                             IntToLongFunction counts, FloatMatrix vectors) throws IOException {
        try (ParquetVectors parquet = new ParquetVectors(out, conf, vectors.width())) {
            for (int id = 0; id < rows; id++) {
                parquet.write(words.apply(id), vectors.segment(id), vectors.offset(id), counts.applyAsLong(id));
            }
        }
    }

    /** Appends a row: {@code word}, the vector at {@code values[offset, offset + dimension)}, its count or NO_COUNT. */
    public void write(String word, float[] values, int offset, long count) throws IOException {
        row.word = word;
        row.values = values;
        row.offset = offset;
        row.count = count;
        writer.write(row);
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }

    /** The row being written; one instance reused for every row. */
    private static final class Row {
        String word;
        float[] values;
        int offset;
        long count;
    }

    private final class Builder extends ParquetWriter.Builder<Row, Builder> {
        Builder(OutputFile file) {
            super(file);
        }

        @Override
        protected Builder self() {
            return this;
        }

        @Override
        protected WriteSupport<Row> getWriteSupport(Configuration conf) {
            return new RowWriteSupport();
        }
    }

    /** Writes a row: a three-level list, as Spark writes array columns. */
    private final class RowWriteSupport extends WriteSupport<Row> {
        private RecordConsumer out;

        @Override
        public WriteContext init(Configuration configuration) {
            return new WriteContext(SCHEMA, Map.of());
        }

        @Override
        public void prepareForWrite(RecordConsumer recordConsumer) {
            this.out = recordConsumer;
        }

        @Override
        public void write(Row row) {
            out.startMessage();
            out.startField("word", 0);
            out.addBinary(Binary.fromString(row.word));
            out.endField("word", 0);

            out.startField("vector", 1);
            out.startGroup();
            out.startField("list", 0);
            for (int k = row.offset, end = k + dimension; k < end; k++) {
                out.startGroup();
                out.startField("element", 0);
                out.addFloat(row.values[k]);
                out.endField("element", 0);
                out.endGroup();
            }
            out.endField("list", 0);
            out.endGroup();
            out.endField("vector", 1);

            if (row.count != NO_COUNT) {
                out.startField("count", 2);
                out.addLong(row.count);
                out.endField("count", 2);
            }
            out.endMessage();
        }
    }

    /** Parquet's sink over a stream the caller owns: counts the position, flushes on close, never closes it. */
    private static final class StreamOutputFile implements OutputFile {
        private final OutputStream out;

        StreamOutputFile(OutputStream out) {
            this.out = out;
        }

        @Override
        public PositionOutputStream create(long blockSizeHint) {
            return new PositionOutputStream() {
                private long position;

                @Override
                public long getPos() {
                    return position;
                }

                @Override
                public void write(int b) throws IOException {
                    out.write(b);
                    position++;
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                    position += len;
                }

                @Override
                public void flush() throws IOException {
                    out.flush();
                }

                @Override
                public void close() throws IOException {
                    out.flush();
                }
            };
        }

        @Override
        public PositionOutputStream createOrOverwrite(long blockSizeHint) {
            return create(blockSizeHint);
        }

        @Override
        public boolean supportsBlockSize() {
            return false;
        }

        @Override
        public long defaultBlockSize() {
            return 0;
        }
    }
}
