package io.cqbench.workloads;

import io.cqbench.spi.CqConfig;
import io.cqbench.spi.CqPoster;
import io.cqbench.spi.CqPosterProvider;
import io.cqbench.spi.CqProducer;
import io.cqbench.spi.FullBehavior;
import io.cqbench.spi.ProducerModel;
import io.cqbench.strategies.PerCqeLockProvider;

import java.util.Map;

/**
 * Strategies that fail in ways the ordering verifier does not see: one throws, one hangs. Both are
 * {@code per-cqe-lock} until their 1000th multishot CQE. {@link SmokeIT} registers them in a services
 * file it writes at test time, so they never join a run that does not name them.
 */
public final class FaultyProviders {
    /** The multishot CQE, counted per producer, at which a faulty producer stops behaving. */
    static final int FAULT_AT = 1000;

    private FaultyProviders() {
    }

    /** Base: {@code per-cqe-lock} whose producers call {@link #fault} at their {@value #FAULT_AT}th multishot CQE. */
    abstract static class Faulty implements CqPosterProvider {
        @Override
        public ProducerModel producerModel() {
            return ProducerModel.MANY;
        }

        @Override
        public FullBehavior fullBehavior() {
            return FullBehavior.OVERFLOW_BACKLOG;
        }

        @Override
        public CqPoster create(CqConfig config) {
            PerCqeLockProvider correct = new PerCqeLockProvider();
            CqPoster poster = correct.create(CqConfig.of(correct.alias(), correct.settings(), config.entries(),
                config.eventFd(), Map.of()));
            return new BrokenPosters.Wrapper(poster) {
                @Override
                CqProducer wrap(CqProducer producer) {
                    return new BrokenPosters.PassThrough(producer) {
                        private long posted;

                        @Override
                        public boolean postMultishot(long userData, int res, int flags) {
                            if (++posted == FAULT_AT) {
                                fault(posted);
                            }
                            return producer.postMultishot(userData, res, flags);
                        }
                    };
                }
            };
        }

        /** Misbehaves in place of posting multishot CQE number {@code posted}. */
        abstract void fault(long posted);
    }

    /** Throws {@link IllegalStateException} from its {@value #FAULT_AT}th {@code postMultishot}. */
    public static final class Throws extends Faulty {
        @Override
        public String alias() {
            return "fixture-throws";
        }

        @Override
        public String description() {
            return "per-cqe-lock that throws from its " + FAULT_AT + "th multishot CQE";
        }

        @Override
        void fault(long posted) {
            throw new IllegalStateException("fixture-throws failed on purpose at multishot CQE " + posted);
        }
    }

    /**
     * Spins forever in its {@value #FAULT_AT}th {@code postMultishot}, ignoring interrupts, as a strategy
     * waiting for a wake-up that never comes would. Only killing its JVM stops it.
     */
    public static final class Hangs extends Faulty {
        @Override
        public String alias() {
            return "fixture-hangs";
        }

        @Override
        public String description() {
            return "per-cqe-lock that never returns from its " + FAULT_AT + "th multishot CQE";
        }

        @Override
        void fault(long posted) {
            while (true) {
                Thread.onSpinWait();
            }
        }
    }
}
