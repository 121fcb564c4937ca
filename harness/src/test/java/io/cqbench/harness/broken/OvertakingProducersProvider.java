package io.cqbench.harness.broken;

import io.cqbench.spi.CqConfig;
import io.cqbench.spi.CqPoster;
import io.cqbench.spi.CqProducer;
import io.cqbench.spi.CqeHandler;
import io.cqbench.strategies.PerCqeLockProvider;

import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Mistake: to dodge lock contention, a producer whose first ring's lock is busy posts into a second
 * ring instead, and the consumer drains the first ring before the second. Alone, a producer always
 * gets the first lock and keeps its order. With several producers, one producer's CQEs land in both
 * rings and overtake each other.
 */
public final class OvertakingProducersProvider extends BrokenProvider {
    public OvertakingProducersProvider() {
        super("broken-overtaking-producers", "posts into a second ring when the first ring's lock is busy");
    }

    @Override
    public CqPoster create(CqConfig config) {
        PerCqeLockProvider correct = new PerCqeLockProvider();
        CqConfig stripe = CqConfig.of(correct.alias(), correct.settings(), config.entries(), config.eventFd(), Map.of());
        return new Poster(alias(), correct.create(stripe), correct.create(stripe));
    }

    private static final class Poster implements CqPoster {
        private final String alias;
        private final CqPoster[] rings;
        private final ReentrantLock[] locks = {new ReentrantLock(), new ReentrantLock()};

        Poster(String alias, CqPoster first, CqPoster second) {
            this.alias = alias;
            this.rings = new CqPoster[] {first, second};
        }

        @Override
        public CqProducer newProducer() {
            CqProducer[] producers = {rings[0].newProducer(), rings[1].newProducer()};
            return new CqProducer() {
                /** Takes the first ring's lock if it is free, else waits for the second's; returns the ring. */
                private int acquire() {
                    if (locks[0].tryLock()) {
                        return 0;
                    }
                    locks[1].lock();
                    return 1;
                }

                @Override
                public boolean postMultishot(long userData, int res, int flags) {
                    int ring = acquire();
                    try {
                        return producers[ring].postMultishot(userData, res, flags);
                    } finally {
                        locks[ring].unlock();
                    }
                }

                @Override
                public void postTerminal(long userData, int res, int flags) {
                    int ring = acquire();
                    try {
                        producers[ring].postTerminal(userData, res, flags);
                    } finally {
                        locks[ring].unlock();
                    }
                }

                @Override
                public void commit() {
                    producers[0].commit();
                    producers[1].commit();
                }
            };
        }

        @Override
        public int reap(CqeHandler handler, int limit) {
            int count = rings[0].reap(handler, limit);
            if (count < limit) {
                count += rings[1].reap(handler, limit - count);
            }
            return count;
        }

        @Override
        public long overflowCount() {
            return rings[0].overflowCount() + rings[1].overflowCount();
        }

        @Override
        public String toString() {
            return alias + "{" + rings[0] + ", " + rings[1] + "}";
        }
    }
}
