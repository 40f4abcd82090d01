package dev.embeddings.io;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** The one JSON mapper for manifests and reports: pretty, stable field order, strict on unknown fields. */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private Json() {
    }

    public static void write(OutputStream out, Object value) throws IOException {
        MAPPER.writeValue(out, value);
        out.write('\n');
    }

    public static <T> T read(InputStream in, Class<T> type, String source) throws IOException {
        try {
            return MAPPER.readValue(in, type);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(source + ": not a valid " + type.getSimpleName() + " (" + e.getOriginalMessage()
                    + ")", e);
        }
    }
}
