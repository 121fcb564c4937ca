package io.cqbench.workloads;

import io.cqbench.spi.CqPoster;
import io.cqbench.spi.CqProducer;
import io.cqbench.spi.CqeHandler;

/**
 * Deliberately broken strategies, each a plausible mistake, built by wrapping a correct poster. The
 * workloads' verifier must catch every one.
 */
final class BrokenPosters {
    private BrokenPosters() {
    }

    /** Base: passes everything through to a correct poster. */
    abstract static class Wrapper implements CqPoster {
        final CqPoster delegate;

        Wrapper(CqPoster delegate) {
            this.delegate = delegate;
        }

        @Override
        public CqProducer newProducer() {
            return wrap(delegate.newProducer());
        }

        abstract CqProducer wrap(CqProducer producer);

        @Override
        public int reap(CqeHandler handler, int limit) {
            return delegate.reap(handler, limit);
        }

        @Override
        public long overflowCount() {
            return delegate.overflowCount();
        }

        @Override
        public String toString() {
            return getClass().getSimpleName() + "{" + delegate + "}";
        }
    }

    /** Base for a broken producer: passes every call through to a correct one unless overridden. */
    abstract static class PassThrough implements CqProducer {
        final CqProducer producer;

        PassThrough(CqProducer producer) {
            this.producer = producer;
        }

        @Override
        public boolean postMultishot(long userData, int res, int flags) {
            return producer.postMultishot(userData, res, flags);
        }

        @Override
        public void postTerminal(long userData, int res, int flags) {
            producer.postTerminal(userData, res, flags);
        }

        @Override
        public void commit() {
            producer.commit();
        }
    }

    /** Reports every {@code period}-th multishot CQE as posted but never posts it. */
    static final class DropsMultishot extends Wrapper {
        private final int period;

        DropsMultishot(CqPoster delegate, int period) {
            super(delegate);
            this.period = period;
        }

        @Override
        CqProducer wrap(CqProducer producer) {
            return new PassThrough(producer) {
                private long count;

                @Override
                public boolean postMultishot(long userData, int res, int flags) {
                    return ++count % period == 0 || producer.postMultishot(userData, res, flags);
                }
            };
        }
    }

    /** Posts every {@code period}-th multishot CQE twice. */
    static final class DuplicatesMultishot extends Wrapper {
        private final int period;

        DuplicatesMultishot(CqPoster delegate, int period) {
            super(delegate);
            this.period = period;
        }

        @Override
        CqProducer wrap(CqProducer producer) {
            return new PassThrough(producer) {
                private long count;

                @Override
                public boolean postMultishot(long userData, int res, int flags) {
                    boolean posted = producer.postMultishot(userData, res, flags);
                    if (posted && ++count % period == 0) {
                        producer.postMultishot(userData, res, flags);
                    }
                    return posted;
                }
            };
        }
    }

    /**
     * Defers multishot CQEs in a private array until the batch ends, but posts terminating CQEs straight
     * away: the mistake the batching patch had to avoid.
     */
    static final class TerminalBypassesArray extends Wrapper {
        TerminalBypassesArray(CqPoster delegate) {
            super(delegate);
        }

        @Override
        CqProducer wrap(CqProducer producer) {
            return new PassThrough(producer) {
                private final long[] userData = new long[4096];
                private final int[] res = new int[4096];
                private final int[] flags = new int[4096];
                private int size;

                @Override
                public boolean postMultishot(long ud, int r, int f) {
                    userData[size] = ud;
                    res[size] = r;
                    flags[size] = f;
                    size++;
                    return true;
                }

                @Override
                public void commit() {
                    for (int i = 0; i < size; i++) {
                        producer.postMultishot(userData[i], res[i], flags[i]);
                    }
                    size = 0;
                    producer.commit();
                }
            };
        }
    }
}
