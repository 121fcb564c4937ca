package io.cqbench.harness.trace;

import io.cqbench.harness.UserDataIndex;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One ring's CQ stream from a capture, in memory for replay: each CQE's {@code user_data}, {@code res}
 * and {@code flags} in CQ order, the batch boundaries, and a dense number per distinct
 * {@code user_data}. Only a capture without ordering violations loads.
 */
public final class CqeStream {
    private final String ring;
    private final long[] userData;
    private final int[] res;
    private final int[] flags;
    private final int[] request;
    private final int[] batchEnds;
    private final int requests;
    private final UserDataIndex index;

    private CqeStream(Builder builder) {
        this.ring = builder.ring;
        this.userData = Arrays.copyOf(builder.userData, builder.size);
        this.res = Arrays.copyOf(builder.res, builder.size);
        this.flags = Arrays.copyOf(builder.flags, builder.size);
        this.batchEnds = Arrays.copyOf(builder.batchEnds, builder.batches);
        this.request = new int[builder.size];
        Map<Long, Integer> numbers = new HashMap<>();
        for (int i = 0; i < builder.size; i++) {
            request[i] = numbers.computeIfAbsent(userData[i], key -> numbers.size());
        }
        this.requests = numbers.size();
        this.index = OpenHashIndex.of(numbers);
    }

    /**
     * Reads a capture, checks it with {@link TraceVerifier}, and returns the stream of the ring with the
     * most CQEs. Throws {@link TraceFormatException} when the capture is malformed, has no CQE, or breaks
     * the ordering rule.
     */
    public static CqeStream loadLargestRing(TraceReader reader) throws IOException, TraceFormatException {
        Map<String, Builder> builders = new LinkedHashMap<>();
        TraceVerifier verifier = TraceVerifier.verify(reader, new TraceVerifier.Listener() {
            @Override
            public void onCqe(String ring, long userData, int res, int flags) {
                builders.computeIfAbsent(ring, Builder::new).add(userData, res, flags);
            }

            @Override
            public void onBatchEnd(String ring) {
                builders.get(ring).endBatch();
            }
        });
        if (verifier.violationCount() > 0) {
            throw new TraceFormatException(reader.name() + ": the capture has " + verifier.violationCount()
                + " ordering violation(s), so it cannot serve as a replay reference; ./cqbench verify-trace lists them");
        }
        Builder largest = null;
        for (Builder builder : builders.values()) {
            if (largest == null || builder.size > largest.size) {
                largest = builder;
            }
        }
        largest.endBatch();
        return new CqeStream(largest);
    }

    /** Returns the ring pointer as printed in the capture. */
    public String ring() {
        return ring;
    }

    /** Returns the number of CQEs. */
    public int size() {
        return userData.length;
    }

    public long userData(int i) {
        return userData[i];
    }

    public int res(int i) {
        return res[i];
    }

    public int flags(int i) {
        return flags[i];
    }

    /** Returns the dense request number, 0 to {@link #requests()} - 1, of CQE {@code i}. */
    public int request(int i) {
        return request[i];
    }

    /** Returns the number of distinct {@code user_data} values. */
    public int requests() {
        return requests;
    }

    /** Returns the number of batches. */
    public int batches() {
        return batchEnds.length;
    }

    /** Returns the index one past the last CQE of batch {@code b}. */
    public int batchEnd(int b) {
        return batchEnds[b];
    }

    /** Returns the size of the largest batch. */
    public int maxBatch() {
        int max = 0;
        int start = 0;
        for (int end : batchEnds) {
            max = Math.max(max, end - start);
            start = end;
        }
        return max;
    }

    /** Returns the {@link UserDataIndex} that maps this stream's {@code user_data} values to request numbers. */
    public UserDataIndex index() {
        return index;
    }

    private static final class Builder {
        final String ring;
        long[] userData = new long[1024];
        int[] res = new int[1024];
        int[] flags = new int[1024];
        int[] batchEnds = new int[256];
        int size;
        int batches;

        Builder(String ring) {
            this.ring = ring;
        }

        void add(long ud, int result, int cqeFlags) {
            if (size == userData.length) {
                userData = Arrays.copyOf(userData, size * 2);
                res = Arrays.copyOf(res, size * 2);
                flags = Arrays.copyOf(flags, size * 2);
            }
            userData[size] = ud;
            res[size] = result;
            flags[size] = cqeFlags;
            size++;
        }

        void endBatch() {
            if (batches > 0 && batchEnds[batches - 1] == size || size == 0) {
                return;
            }
            if (batches == batchEnds.length) {
                batchEnds = Arrays.copyOf(batchEnds, batches * 2);
            }
            batchEnds[batches++] = size;
        }
    }

    /** An open-addressing table from {@code user_data} to request number: no boxing on lookup. */
    private static final class OpenHashIndex implements UserDataIndex {
        private final long[] keys;
        private final int[] values;
        private final int mask;

        private OpenHashIndex(int capacity) {
            keys = new long[capacity];
            values = new int[capacity];
            Arrays.fill(values, -1);
            mask = capacity - 1;
        }

        static OpenHashIndex of(Map<Long, Integer> numbers) {
            int capacity = Integer.highestOneBit(Math.max(4, numbers.size() * 4) - 1) << 1;
            OpenHashIndex table = new OpenHashIndex(capacity);
            for (Map.Entry<Long, Integer> entry : numbers.entrySet()) {
                int slot = table.slot(entry.getKey());
                while (table.values[slot] >= 0) {
                    slot = (slot + 1) & table.mask;
                }
                table.keys[slot] = entry.getKey();
                table.values[slot] = entry.getValue();
            }
            return table;
        }

        private int slot(long key) {
            long hash = key * 0x9E3779B97F4A7C15L;
            return (int) (hash ^ (hash >>> 32)) & mask;
        }

        @Override
        public int indexOf(long userData) {
            int slot = slot(userData);
            while (values[slot] >= 0) {
                if (keys[slot] == userData) {
                    return values[slot];
                }
                slot = (slot + 1) & mask;
            }
            return -1;
        }
    }
}
