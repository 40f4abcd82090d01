package dev.embeddings.corpus;

import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.compress.CodecPool;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.hadoop.io.compress.Decompressor;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.input.FileSplit;

/**
 * Reads the lines of one split as {@link ChunkedTextInputFormat} describes. Split ownership follows Hadoop's
 * LineRecordReader: a split that does not start at 0 skips its first partial line, and a split reads every line
 * that starts at or before its end.
 */
final class ChunkedLineRecordReader extends RecordReader<LongWritable, Text> {

    private static final int READ_BUFFER = 1 << 16;

    private final LongWritable key = new LongWritable();
    private final Text value = new Text();
    private final byte[] readBuffer = new byte[READ_BUFFER];
    private int readPos;
    private int readLimit;

    private byte[] record;
    private int recordLength;
    private int maxChunk;

    private FSDataInputStream fileIn;
    private InputStream in;
    private Decompressor decompressor;
    private long start;
    private long end;
    private long pos;
    private long lineStart;
    private boolean insideLine;
    private boolean eof;
    private long fileLength;

    @Override
    public void initialize(InputSplit genericSplit, TaskAttemptContext context) throws IOException {
        FileSplit split = (FileSplit) genericSplit;
        Configuration conf = context.getConfiguration();
        maxChunk = conf.getInt(ChunkedTextInputFormat.MAX_CHUNK_BYTES, CorpusConfig.DEFAULT_MAX_CHUNK_BYTES);
        record = new byte[Math.min(maxChunk, 1 << 16)];
        Path file = split.getPath();
        FileSystem fs = file.getFileSystem(conf);
        fileLength = fs.getFileStatus(file).getLen();
        fileIn = fs.open(file);
        CompressionCodec codec = new CompressionCodecFactory(conf).getCodec(file);
        if (codec != null) {
            decompressor = CodecPool.getDecompressor(codec);
            in = codec.createInputStream(fileIn, decompressor);
            start = 0;
            end = Long.MAX_VALUE;
        } else {
            start = split.getStart();
            end = start + split.getLength();
            fileIn.seek(start);
            in = fileIn;
        }
        pos = start;
        if (start != 0) {
            skipPastNewline();
        }
    }

    @Override
    public boolean nextKeyValue() throws IOException {
        if (!insideLine) {
            if (pos > end || (eof && recordLength == 0)) {
                return false;
            }
            lineStart = pos;
        }
        key.set(lineStart);
        while (true) {
            int b = readByte();
            if (b < 0) {
                boolean hadLine = insideLine || recordLength > 0 || pos > lineStart;
                insideLine = false;
                if (!hadLine) {
                    return false;
                }
                emit(recordLength, recordLength);
                return true;
            }
            if (b == '\n') {
                insideLine = false;
                emit(recordLength, recordLength);
                return true;
            }
            append((byte) b);
            if (recordLength >= maxChunk) {
                insideLine = true;
                int cut = cutPoint();
                emit(cut, cut < recordLength && isWhitespace(record[cut]) ? cut + 1 : cut);
                return true;
            }
        }
    }

    /** Where to cut a full chunk: at the last whitespace, else after the last complete UTF-8 character. */
    private int cutPoint() {
        for (int i = recordLength - 1; i > 0; i--) {
            if (isWhitespace(record[i])) {
                return i;
            }
        }
        int last = recordLength - 1;
        while (last > 0 && (record[last] & 0xC0) == 0x80) {
            last--;
        }
        int lead = record[last] & 0xFF;
        int width = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
        return last > 0 && last + width > recordLength ? last : recordLength;
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\f' || b == 0x0B;
    }

    /** Sets the value to record[0, length) and keeps record[resumeAt, recordLength) for the next record. */
    private void emit(int length, int resumeAt) {
        value.set(record, 0, length);
        int rest = recordLength - resumeAt;
        System.arraycopy(record, resumeAt, record, 0, rest);
        recordLength = rest;
    }

    private void append(byte b) {
        if (recordLength == record.length) {
            byte[] bigger = new byte[(int) Math.min((long) maxChunk + 1, (long) record.length * 2)];
            System.arraycopy(record, 0, bigger, 0, recordLength);
            record = bigger;
        }
        record[recordLength++] = b;
    }

    private int readByte() throws IOException {
        if (readPos == readLimit) {
            if (eof) {
                return -1;
            }
            readLimit = in.read(readBuffer, 0, READ_BUFFER);
            readPos = 0;
            if (readLimit <= 0) {
                readLimit = 0;
                eof = true;
                return -1;
            }
        }
        pos++;
        return readBuffer[readPos++] & 0xFF;
    }

    private void skipPastNewline() throws IOException {
        int b;
        do {
            b = readByte();
        } while (b >= 0 && b != '\n');
    }

    @Override
    public LongWritable getCurrentKey() {
        return key;
    }

    @Override
    public Text getCurrentValue() {
        return value;
    }

    @Override
    public float getProgress() throws IOException {
        if (end == Long.MAX_VALUE) {
            return fileLength == 0 ? 1f : Math.min(1f, fileIn.getPos() / (float) fileLength);
        }
        return end == start ? 1f : Math.min(1f, (pos - start) / (float) (end - start));
    }

    @Override
    public void close() throws IOException {
        try {
            if (in != null) {
                in.close();
            }
        } finally {
            if (decompressor != null) {
                CodecPool.returnDecompressor(decompressor);
                decompressor = null;
            }
        }
    }
}
