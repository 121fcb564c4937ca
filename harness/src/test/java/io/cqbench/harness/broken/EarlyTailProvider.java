package io.cqbench.harness.broken;

import io.cqbench.model.BacklogOrderedPoster;
import io.cqbench.spi.CqConfig;
import io.cqbench.spi.CqPoster;
import io.cqbench.spi.CqProducer;
import io.cqbench.spi.CqeHandler;
import io.cqbench.spi.ProducerModel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Mistake: commit claims the batch's ring entries by releasing the new tail first and writes the
 * entries' fields afterwards. On one thread nothing shows, because reap runs after commit returns. A
 * consumer on another thread can read an entry between the tail store and the field stores and see
 * the entry's previous contents.
 */
public final class EarlyTailProvider extends BrokenProvider {
    public EarlyTailProvider() {
        super("broken-early-tail", "releases the tail before writing the CQEs' fields");
    }

    @Override
    public CqPoster create(CqConfig config) {
        return new Poster(alias(), config.entries());
    }

    private static final class Poster extends BacklogOrderedPoster {
        private static final VarHandle INDEX = MethodHandles.arrayElementVarHandle(long[].class);
        private static final int HEAD = 16;
        private static final int TAIL = 32;

        private final String alias;
        private final long[] userData;
        private final long[] resFlags;
        private final int entries;
        private final long[] indices = new long[48];
        private final ReentrantLock lock = new ReentrantLock();

        Poster(String alias, int entries) {
            super(ProducerModel.MANY);
            this.alias = alias;
            this.entries = entries;
            this.userData = new long[entries];
            this.resFlags = new long[entries];
        }

        @Override
        protected CqProducer createProducer() {
            return new Producer();
        }

        @Override
        protected int reapRing(CqeHandler handler, int limit) {
            long head = (long) INDEX.getOpaque(indices, HEAD);
            long tail = (long) INDEX.getAcquire(indices, TAIL);
            int count = (int) Math.min(tail - head, limit);
            for (int i = 0; i < count; i++) {
                int slot = (int) ((head + i) & (entries - 1));
                long value = resFlags[slot];
                handler.onCqe(userData[slot], (int) (value >> 32), (int) value);
            }
            if (count > 0) {
                INDEX.setRelease(indices, HEAD, head + count);
            }
            return count;
        }

        @Override
        protected boolean isRingEmpty() {
            return (long) INDEX.getOpaque(indices, HEAD) == (long) INDEX.getAcquire(indices, TAIL);
        }

        @Override
        public String toString() {
            return alias + "{entries=" + entries + "}";
        }

        private final class Producer implements CqProducer {
            private final DeferredModel.Batch pending = new DeferredModel.Batch(1 << 12);

            @Override
            public boolean postMultishot(long ud, int res, int flags) {
                if (backlog.isPending()) {
                    return false;
                }
                add(ud, res, flags);
                return true;
            }

            @Override
            public void postTerminal(long ud, int res, int flags) {
                add(ud, res, flags);
            }

            private void add(long ud, int res, int flags) {
                if (pending.isFull()) {
                    commit();
                }
                pending.add(ud, res, flags);
            }

            @Override
            public void commit() {
                lock.lock();
                try {
                    long tail = (long) INDEX.getOpaque(indices, TAIL);
                    long head = (long) INDEX.getAcquire(indices, HEAD);
                    int fit = 0;
                    while (fit < pending.size && !backlog.isPending() && tail + fit - head < entries) {
                        fit++;
                    }
                    INDEX.setRelease(indices, TAIL, tail + fit);        // the mistake: published before written
                    for (int i = 0; i < fit; i++) {
                        int slot = (int) ((tail + i) & (entries - 1));
                        userData[slot] = pending.userData[i];
                        resFlags[slot] = ((long) pending.res[i] << 32) | (pending.flags[i] & 0xFFFF_FFFFL);
                    }
                    for (int i = fit; i < pending.size; i++) {
                        backlog.add(pending.userData[i], pending.res[i], pending.flags[i]);
                    }
                    pending.size = 0;
                } finally {
                    lock.unlock();
                }
            }
        }
    }
}
