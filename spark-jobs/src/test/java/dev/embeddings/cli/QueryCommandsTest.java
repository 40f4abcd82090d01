package dev.embeddings.cli;

import static dev.embeddings.cli.SmallVectors.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embeddings.cli.SmallVectors.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** evaluate, nearest and analogy on vectors whose answers are known. */
@Timeout(120)
class QueryCommandsTest {

    @TempDir
    Path dir;

    /** The words of the result lines (rank, word, similarity) after the heading. */
    private static List<String> rankedWords(String out) {
        return Arrays.stream(out.split("\\R")).skip(1).map(line -> line.trim().split("\\s+")[1]).toList();
    }

    @Test
    void everyQueryCommandHasHelp() {
        for (String command : new String[] {"evaluate", "nearest", "analogy", "convert", "report"}) {
            Run r = run(command, "--help");
            assertEquals(0, r.status(), command);
            assertTrue(r.out().contains("Usage: embeddings " + command), r.out());
        }
        assertTrue(run("--help").out().contains("nearest"));
    }

    @Test
    void nearestAnswersEveryWordInTurn() throws Exception {
        Run r = run("nearest", "--vectors", SmallVectors.outputDirectory(dir).toString(), "king", "woman", "--k", "1");
        assertEquals(0, r.status(), r.err());
        String[] blocks = r.out().split("\\R\\R");
        assertEquals(2, blocks.length, r.out());
        assertEquals(List.of("queen"), rankedWords(blocks[0]));
        assertTrue(blocks[1].startsWith("woman"), blocks[1]);
        // cos(woman, queen) = 0.82 > cos(woman, man) = 0.71 > cos(woman, king) = 0.5
        assertEquals(List.of("queen"), rankedWords(blocks[1]));
    }

    /** A publish root is read at its LATEST version, whose vectors.bin is checked against the manifest. */
    @Test
    void nearestReadsAPublishRootsLatestVersionAndRefusesAnEditedOne() throws Exception {
        org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration();
        String root = dir.resolve("published").toString();
        dev.embeddings.publish.VectorsRepository repository = dev.embeddings.publish.VectorsRepository.open(
                dev.embeddings.publish.PublishConfig.of(root), conf);
        dev.embeddings.publish.VectorsDirectories.write(dir.resolve("v1").toString(), 1, conf);
        String version = repository.publish(dir.resolve("v1").toString()).id();
        Run r = run("nearest", "--vectors", root, "king", "--k", "3");
        assertEquals(0, r.status(), r.err());
        assertEquals(3, rankedWords(r.out()).size(), r.out());

        Path binary = dir.resolve("published/versions/" + version + "/vectors.bin");
        byte[] bytes = java.nio.file.Files.readAllBytes(binary);
        bytes[bytes.length - 3] ^= 1; // a mantissa bit of the last value: still a well-formed file
        java.nio.file.Files.write(binary, bytes);
        Run edited = run("nearest", "--vectors", root, "king");
        assertEquals(1, edited.status());
        assertTrue(edited.err().contains("checksum mismatch for ") && edited.err().contains("vectors.bin"),
                edited.err());
    }

    @Test
    void evaluateJsonIsExactlyOneObjectWithEverySetsScores() throws Exception {
        Path vectors = SmallVectors.outputDirectory(dir);
        Run r = run("evaluate", "--vectors", vectors.toString(), "--analogy",
                SmallVectors.analogyFile(dir).toString(), "--similarity", SmallVectors.similarityFile(dir).toString(),
                "--json", "--threads", "1");
        assertEquals(0, r.status(), r.err());
        JsonNode json = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(r.out());
        assertTrue(json.isObject());
        assertEquals(List.of("vocabulary", "dimension", "analogy", "similarity"), fieldNames(json));
        assertEquals(5, json.get("vocabulary").asInt());
        assertEquals(4, json.get("dimension").asInt());
        JsonNode analogy = json.get("analogy").get("analogies.txt");
        assertEquals(1.0, analogy.get("accuracy").asDouble(), "both answerable questions are right");
        assertEquals(2, analogy.get("seen").asInt());
        assertEquals(3, analogy.get("total").asInt());
        JsonNode similarity = json.get("similarity").get("similarity.tsv");
        assertEquals(5, similarity.get("pairs").asInt());
        assertEquals(1, similarity.get("missing").asInt());
        assertTrue(similarity.get("spearman").asDouble() > 0.5, similarity.toString());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void evaluatePrintsATableByDefault() throws Exception {
        Run r = run("evaluate", "--vectors", SmallVectors.outputDirectory(dir).resolve("vectors.bin").toString(),
                "--analogy", SmallVectors.analogyFile(dir).toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("analogy analogies.txt: 3CosAdd 100.00%"), r.out());
        assertFalse(r.out().trim().startsWith("{"));
    }

    @Test
    void evaluateWithoutATestSetIsAUsageError() throws Exception {
        Run r = run("evaluate", "--vectors", SmallVectors.outputDirectory(dir).toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--analogy or --similarity"), r.err());
    }

    @Test
    void evaluateRejectsAnImpossibleRestrictBeforeReading() {
        Run r = run("evaluate", "--vectors", dir.resolve("absent").toString(), "--analogy", "x", "--restrict", "0");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("restrict must be at least 1"), r.err());
    }

    @Test
    void aMalformedEvaluationSetFailsNamingTheFileAndLine() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad-analogies.txt"), ": s\nman woman king\n");
        Run r = run("evaluate", "--vectors", SmallVectors.outputDirectory(dir).toString(), "--analogy",
                bad.toString());
        assertEquals(1, r.status());
        assertTrue(r.err().contains("bad-analogies.txt:2"), r.err());
    }

    @Test
    void nearestListsTheMostSimilarWordsBestFirst() throws Exception {
        Run r = run("nearest", "--vectors", SmallVectors.outputDirectory(dir).toString(), "king", "--k", "3");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("king"), r.out());
        // cos(king, queen) = 0.82 > cos(king, man) = 0.71 > cos(king, woman) = 0.5 > cos(king, apple) = 0
        assertEquals(List.of("queen", "man", "woman"), rankedWords(r.out()));
    }

    @Test
    void unknownWordsAreNamedAndFailTheCommand() throws Exception {
        Path vectors = SmallVectors.outputDirectory(dir);
        Run r = run("nearest", "--vectors", vectors.toString(), "king", "zebra", "yak");
        assertEquals(1, r.status());
        assertTrue(r.err().contains("'zebra', 'yak'"), r.err());
        assertEquals("", r.out(), "no partial answer");

        Run analogy = run("analogy", "--vectors", vectors.toString(), "man", "woman", "kaiser");
        assertEquals(1, analogy.status());
        assertTrue(analogy.err().contains("'kaiser'"), analogy.err());
    }

    @Test
    void analogyAnswersWithTheWordNearestToBMinusAPlusC() throws Exception {
        Run r = run("analogy", "--vectors", SmallVectors.outputDirectory(dir).toString(), "man", "woman", "king",
                "--k", "1");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("man : woman :: king : ?"), r.out());
        assertEquals(List.of("queen"), rankedWords(r.out()));
    }

    @Test
    void analogyNeedsExactlyThreeWords() throws Exception {
        Run r = run("analogy", "--vectors", SmallVectors.outputDirectory(dir).toString(), "man", "woman");
        assertEquals(2, r.status());
    }

    @Test
    void aMalformedVectorFileFailsNamingTheFile() throws Exception {
        Path bad = Files.writeString(dir.resolve("broken.txt"), "2 4\nman 1 0 0 0\nwoman 1 x 0 0\n");
        Run r = run("nearest", "--vectors", bad.toString(), "man");
        assertEquals(1, r.status());
        assertTrue(r.err().contains("broken.txt") && r.err().contains("line 3"), r.err());
    }

    @Test
    void missingVectorsAreNamed() {
        Run r = run("nearest", "--vectors", dir.resolve("nowhere").toString(), "man");
        assertEquals(1, r.status());
        assertTrue(r.err().contains("nowhere"), r.err());
    }
}
