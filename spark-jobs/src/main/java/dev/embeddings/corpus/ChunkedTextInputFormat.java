package dev.embeddings.corpus;

import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;

/**
 * Text input whose records are lines, except that a line longer than {@link #MAX_CHUNK_BYTES} is handed over in
 * pieces cut at whitespace. Hadoop's TextInputFormat holds a whole line in memory (a 1 GB line is a 1 GB record)
 * or, with a maximum line length, silently skips it; this keeps memory bounded and loses no text.
 * Keys are the byte offset where the record's line starts, so pieces of one line share a key.
 * Plain files are split; compressed files (.gz, .bz2) are read whole by one task.
 */
public final class ChunkedTextInputFormat extends FileInputFormat<LongWritable, Text> {

    public static final String MAX_CHUNK_BYTES = "embeddings.input.max-chunk-bytes";

    @Override
    protected boolean isSplitable(JobContext context, Path file) {
        return new CompressionCodecFactory(context.getConfiguration()).getCodec(file) == null;
    }

    @Override
    public RecordReader<LongWritable, Text> createRecordReader(InputSplit split, TaskAttemptContext context) {
        return new ChunkedLineRecordReader();
    }
}
