package dev.embeddings.ml;

import dev.embeddings.vectors.DocumentVectors.Pooling;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.util.Identifiable;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.Function1;

/**
 * The parameters the estimators and their model share (declared here once, each stage holding its own instance,
 * as Spark's Params require), the validators the stages build from the project's own checks, and the schema rule
 * (an {@code array<string>} column in, a vector column out).
 */
final class StageParams {

    private StageParams() {
    }

    static Param<String> inputCol(Identifiable owner) {
        return new Param<>(owner, "inputCol", "column of token arrays (array<string>)");
    }

    static Param<String> outputCol(Identifiable owner) {
        return new Param<>(owner, "outputCol", "column of document vectors written");
    }

    static Param<String> pooling(Identifiable owner) {
        return new Param<>(owner, "pooling", "how a document's word vectors are combined: mean, or idf (each word "
                + "weighted by its inverse document frequency, fitted by the estimator)",
                oneOf("pooling", Arrays.stream(Pooling.values()).map(Pooling::id).toList()));
    }

    /**
     * A validator for a choice: {@link ParamValidators#inArray}, failing with one line that lists the choices (Spark's
     * own says only that the value is invalid).
     */
    static <T> Function1<T, Object> oneOf(String name, List<T> allowed) {
        Function1<T, Object> inArray = ParamValidators.inArray(allowed);
        return (Function1<T, Object> & Serializable) value -> {
            if (!(Boolean) inArray.apply(value)) {
                throw new IllegalArgumentException(name + " must be one of " + allowed + ", got '" + value + "'");
            }
            return true;
        };
    }

    /** One of the project's checks of a value: throws an exception naming the problem. */
    interface Check<T> extends Consumer<T>, Serializable {
    }

    /** A validator running {@code check}, one of the project's checks, whose exception names the problem. */
    @SuppressWarnings("unchecked")
    static <T> Function1<Object, Object> checkedBy(Check<T> check) {
        return (Function1<Object, Object> & Serializable) value -> {
            check.accept((T) value);
            return true;
        };
    }

    /** {@code schema} with {@code output}, a vector column, added after checking {@code input} holds tokens. */
    static StructType withVectors(StructType schema, String input, String output) {
        if (!Arrays.asList(schema.fieldNames()).contains(input)) {
            throw new IllegalArgumentException("inputCol '" + input + "' is not a column of " + schema.simpleString());
        }
        DataType type = schema.apply(input).dataType();
        if (!(type instanceof ArrayType array) || !array.elementType().equals(DataTypes.StringType)) {
            throw new IllegalArgumentException("inputCol '" + input + "' must be array<string> (tokens, as "
                    + "Tokenizer writes), got " + type.simpleString());
        }
        if (Arrays.asList(schema.fieldNames()).contains(output)) {
            throw new IllegalArgumentException("outputCol '" + output + "' already exists");
        }
        return schema.add(new StructField(output, SQLDataTypes.VectorType(), false,
                org.apache.spark.sql.types.Metadata.empty()));
    }
}
