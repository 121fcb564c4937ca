package io.cqbench.harness.broken;

import io.cqbench.model.BacklogOrderedPoster;
import io.cqbench.model.CqRing;
import io.cqbench.spi.CqConfig;
import io.cqbench.spi.CqProducer;
import io.cqbench.spi.CqeHandler;
import io.cqbench.spi.ProducerModel;

import java.util.concurrent.locks.ReentrantLock;

/**
 * A small, correct deferred-array poster that the catalog's mistakes are made in: each broken strategy
 * overrides one step of its producer. Multishot CQEs wait in a 16-slot private array and terminating
 * CQEs in a private list. A full array is written under the lock. Commit writes the array, then the
 * terminating CQEs, then releases the tail once.
 */
class DeferredModel extends BacklogOrderedPoster {
    final CqRing ring;
    final ReentrantLock lock = new ReentrantLock();
    private final String alias;

    DeferredModel(String alias, CqConfig config) {
        super(ProducerModel.MANY);
        this.alias = alias;
        this.ring = new CqRing(config.entries());
    }

    @Override
    protected CqProducer createProducer() {
        return new Producer();
    }

    @Override
    protected int reapRing(CqeHandler handler, int limit) {
        return ring.reap(handler, limit);
    }

    @Override
    protected boolean isRingEmpty() {
        return ring.isEmpty();
    }

    /** Returns whether a new CQE may go into the ring now. The kernel keeps it out while the backlog is pending. */
    boolean ringTakes() {
        return !backlog.isPending() && ring.hasRoom();
    }

    /** Writes one CQE into the ring or, when it must not go there, into the backlog. Hold the lock. */
    void place(long userData, int res, int flags) {
        if (ringTakes()) {
            ring.write(userData, res, flags);
        } else {
            if (ring.hasUncommitted()) {
                ring.commitTail();          // the ring's entries become visible before anything is backlogged
            }
            backlog.add(userData, res, flags);
        }
    }

    @Override
    public String toString() {
        return alias + "{entries=" + ring.entries() + "}";
    }

    /** A producer's private list of CQEs, in posting order. */
    static final class Batch {
        final long[] userData;
        final int[] res;
        final int[] flags;
        int size;

        Batch(int capacity) {
            userData = new long[capacity];
            res = new int[capacity];
            flags = new int[capacity];
        }

        boolean isFull() {
            return size == userData.length;
        }

        void add(long ud, int result, int cqeFlags) {
            userData[size] = ud;
            res[size] = result;
            flags[size] = cqeFlags;
            size++;
        }
    }

    class Producer implements CqProducer {
        final Batch array = new Batch(16);
        final Batch terminals = new Batch(1 << 16);

        @Override
        public boolean postMultishot(long userData, int res, int flags) {
            if (array.isFull()) {
                lock.lock();
                try {
                    write(array);
                } finally {
                    lock.unlock();
                }
            }
            if (backlog.isPending()) {
                return false;
            }
            array.add(userData, res, flags);
            return true;
        }

        @Override
        public void postTerminal(long userData, int res, int flags) {
            if (terminals.isFull()) {
                commit();
            }
            terminals.add(userData, res, flags);
        }

        @Override
        public void commit() {
            lock.lock();
            try {
                write(array);
                write(terminals);
                ring.commitTail();
            } finally {
                lock.unlock();
            }
        }

        /** Places every CQE of {@code batch}, in order, and empties it. Hold the lock. */
        void write(Batch batch) {
            for (int i = 0; i < batch.size; i++) {
                place(batch.userData[i], batch.res[i], batch.flags[i]);
            }
            batch.size = 0;
        }
    }
}
