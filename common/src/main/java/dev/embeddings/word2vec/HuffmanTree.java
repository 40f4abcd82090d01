package dev.embeddings.word2vec;

/**
 * The binary Huffman tree over the vocabulary that hierarchical softmax walks, built as word2vec.c's
 * {@code CreateBinaryTree}: counts must be sorted descending, and the two-queue merge (leaves from the rare end,
 * inner nodes in creation order) always joins the two smallest nodes. For each word it stores the path from the
 * root: the inner nodes visited ({@link #point}, 0..V-2, row indices into the hs output matrix, root = V-2) and
 * the branch taken at each ({@link #code}, 0 or 1).
 *
 * <p>Paths are stored flattened with per-word offsets, so there is no maximum depth (word2vec.c caps it at 40):
 * memory is 5 bytes per path step (one byte of code, one int of point) plus 4 bytes per word, i.e. about
 * V * (4 + 5 * mean depth) bytes.
 */
public final class HuffmanTree {

    private final int[] offsets;
    private final byte[] codes;
    private final int[] points;

    /**
     * @param counts word counts, non-increasing, all positive, at least 2 words
     */
    public HuffmanTree(long[] counts) {
        int v = counts.length;
        if (v < 2) {
            throw new IllegalArgumentException("hierarchical softmax needs at least 2 words, got " + v);
        }
        for (int i = 0; i < v; i++) {
            if (counts[i] < 1) {
                throw new IllegalArgumentException("count of word " + i + " must be positive, got " + counts[i]);
            }
            if (i > 0 && counts[i] > counts[i - 1]) {
                throw new IllegalArgumentException("counts must be non-increasing, but word " + i + " has "
                        + counts[i] + " > " + counts[i - 1]);
            }
        }
        // Nodes 0..v-1 are leaves, v..2v-2 inner nodes; the root is 2v-2.
        long[] weight = new long[2 * v - 1];
        int[] parent = new int[2 * v - 1];
        byte[] branch = new byte[2 * v - 1];
        System.arraycopy(counts, 0, weight, 0, v);
        int leaf = v - 1;
        int inner = v;
        for (int next = v; next < 2 * v - 1; next++) {
            int first;
            int second;
            if (leaf >= 0 && (inner >= next || weight[leaf] < weight[inner])) {
                first = leaf--;
            } else {
                first = inner++;
            }
            if (leaf >= 0 && (inner >= next || weight[leaf] < weight[inner])) {
                second = leaf--;
            } else {
                second = inner++;
            }
            weight[next] = weight[first] + weight[second];
            parent[first] = next;
            parent[second] = next;
            branch[second] = 1;
        }
        int root = 2 * v - 2;
        int[] depth = new int[2 * v - 1];
        for (int node = root - 1; node >= 0; node--) {
            depth[node] = depth[parent[node]] + 1;
        }
        offsets = new int[v + 1];
        for (int w = 0; w < v; w++) {
            offsets[w + 1] = Math.addExact(offsets[w], depth[w]);
        }
        codes = new byte[offsets[v]];
        points = new int[offsets[v]];
        for (int w = 0; w < v; w++) {
            // Walk leaf-to-root, filling the path from its end so it reads root-to-leaf.
            int i = offsets[w + 1] - 1;
            for (int node = w; node != root; node = parent[node], i--) {
                codes[i] = branch[node];
                points[i] = parent[node] - v;
            }
        }
    }

    public int size() {
        return offsets.length - 1;
    }

    /** Where word {@code w}'s path starts in {@link #codes()} / {@link #points()}. */
    public int pathStart(int w) {
        return offsets[w];
    }

    /** One past the end of word {@code w}'s path. */
    public int pathEnd(int w) {
        return offsets[w + 1];
    }

    public int codeLength(int w) {
        return offsets[w + 1] - offsets[w];
    }

    /** Branch taken at step {@code d} (0 = at the root) of word {@code w}'s path. */
    public int code(int w, int d) {
        return codes[offsets[w] + d];
    }

    /** Inner node visited at step {@code d} of word {@code w}'s path, in 0..V-2. */
    public int point(int w, int d) {
        return points[offsets[w] + d];
    }

    /** All paths' codes, flattened; the live array, for the training loop. */
    byte[] codes() {
        return codes;
    }

    /** All paths' inner nodes, flattened; the live array, for the training loop. */
    int[] points() {
        return points;
    }
}
