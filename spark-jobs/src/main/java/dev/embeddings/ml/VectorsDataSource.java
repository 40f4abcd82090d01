package dev.embeddings.ml;

import org.apache.spark.rdd.RDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SQLContext;
import org.apache.spark.sql.sources.BaseRelation;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.sources.RelationProvider;
import org.apache.spark.sql.sources.TableScan;
import org.apache.spark.sql.types.StructType;
import scala.collection.immutable.Map;

/**
 * {@code spark.read().format("embeddings").load(path)}: {@link VectorFrames#read} as a Spark data source, registered
 * by its short name in {@code META-INF/services}.
 */
public final class VectorsDataSource implements DataSourceRegister, RelationProvider {

    public static final String SHORT_NAME = "embeddings";

    @Override
    public String shortName() {
        return SHORT_NAME;
    }

    @Override
    public BaseRelation createRelation(SQLContext context, Map<String, String> parameters) {
        String path = parameters.get("path").getOrElse(() -> {
            throw new IllegalArgumentException("format(\"" + SHORT_NAME + "\"): give the vectors' location to load()");
        });
        return new Relation(context, VectorFrames.read(context.sparkSession(), path));
    }

    /** The vectors, read on the driver when the relation is made. */
    private static final class Relation extends BaseRelation implements TableScan {
        private final SQLContext context;
        private final Dataset<Row> vectors;

        Relation(SQLContext context, Dataset<Row> vectors) {
            this.context = context;
            this.vectors = vectors;
        }

        @Override
        public SQLContext sqlContext() {
            return context;
        }

        @Override
        public StructType schema() {
            return VectorFrames.SCHEMA;
        }

        @Override
        public RDD<Row> buildScan() {
            return vectors.rdd();
        }
    }
}
