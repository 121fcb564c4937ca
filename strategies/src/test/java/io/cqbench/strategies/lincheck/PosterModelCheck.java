package io.cqbench.strategies.lincheck;

import io.cqbench.spi.CqConfig;
import io.cqbench.spi.CqPoster;
import io.cqbench.spi.CqPosterProvider;
import io.cqbench.spi.CqProducer;
import io.cqbench.spi.Cqe;
import io.cqbench.spi.CqeHandler;
import org.jetbrains.lincheck.datastructures.Operation;

import java.util.Map;

/**
 * The operations Lincheck runs against one poster: two producers, A and B, and one consumer. Each
 * role's operations form a non-parallel group, so Lincheck runs each producer, and the consumer, on one
 * thread at a time, as the SPI requires. Subclasses pick the strategy and the ring size.
 * {@link StaleFlagVerifier} checks the results against the rules of {@link CqSpecification}.
 *
 * <p>Each producer owns one request and ends every operation with a commit. A rejected multishot CQE
 * is followed by the request's terminating CQE, as the SPI's producer loop does. The consumer's
 * {@link #reap()} is one {@link CqPoster#reap} call with a limit of {@link #REAP_LIMIT}.
 *
 * <p>The poster is created with no eventfd: the signal is a lock round trip outside the ordering the
 * checks cover, and leaving it out shortens every interleaving.
 */
public abstract class PosterModelCheck {
    /** The limit of one {@link #reap()}: less than a ring, so that a reap leaves entries behind. */
    static final int REAP_LIMIT = 3;

    private final CqPoster poster;
    private final CheckedProducer[] producers = new CheckedProducer[CheckedCqe.PRODUCERS];
    private final ReapedCqes reaped = new ReapedCqes();

    protected PosterModelCheck(CqPosterProvider provider, int entries, Map<String, String> settings) {
        CqConfig config = CqConfig.of(provider.alias(), provider.settings(), entries, false, settings);
        this.poster = provider.create(config);
        for (int i = 0; i < producers.length; i++) {
            producers[i] = new CheckedProducer(i, poster.newProducer());
        }
    }

    /** Posts one multishot event of A's request and commits. Returns whether the multishot CQE was accepted. */
    @Operation(nonParallelGroup = "producerA")
    public boolean multishotA() {
        return producers[CheckedCqe.PRODUCER_A].multishotAndCommit();
    }

    @Operation(nonParallelGroup = "producerB")
    public boolean multishotB() {
        return producers[CheckedCqe.PRODUCER_B].multishotAndCommit();
    }

    /** Terminates A's request, as a cancel or a final event would, commits, and re-arms the request. */
    @Operation(nonParallelGroup = "producerA")
    public void terminalA() {
        producers[CheckedCqe.PRODUCER_A].terminalAndCommit();
    }

    @Operation(nonParallelGroup = "producerB")
    public void terminalB() {
        producers[CheckedCqe.PRODUCER_B].terminalAndCommit();
    }

    /** Posts two multishot events of {@code producer}'s request, then commits once. */
    protected final String twoMultishots(int producer) {
        return producers[producer].twoMultishotsAndCommit();
    }

    /**
     * Reaps up to {@link #REAP_LIMIT} CQEs with one {@link CqPoster#reap} call and returns their labels
     * in CQ order, separated by {@code ", "}, or {@link CheckedCqe#NONE}.
     */
    @Operation(nonParallelGroup = "consumer")
    public String reap() {
        reaped.start();
        int count = poster.reap(reaped, REAP_LIMIT);
        if (count != reaped.count) {
            return "reap returned " + count + " but handed out " + reaped.count + " CQEs";
        }
        if (count > REAP_LIMIT) {
            return "reap handed out more than its limit: " + reaped.labels;
        }
        return count == 0 ? CheckedCqe.NONE : reaped.labels.toString();
    }

    /** The consumer's handler: collects the labels of one reap. */
    private static final class ReapedCqes implements CqeHandler {
        private final StringBuilder labels = new StringBuilder();
        private int count;

        void start() {
            labels.setLength(0);
            count = 0;
        }

        @Override
        public void onCqe(long userData, int res, int flags) {
            if (count > 0) {
                labels.append(", ");
            }
            labels.append(CheckedCqe.label(userData, res, flags));
            count++;
        }
    }

    /** A producer and its one request, posting the CQEs {@link CheckedCqe} describes. */
    private static final class CheckedProducer {
        private final int number;
        private final CqProducer producer;
        private int generation;
        private int sequence;

        CheckedProducer(int number, CqProducer producer) {
            this.number = number;
            this.producer = producer;
        }

        boolean multishotAndCommit() {
            boolean accepted = multishot();
            producer.commit();
            return accepted;
        }

        String twoMultishotsAndCommit() {
            String first = multishot() ? "accepted" : "rejected";
            String second = multishot() ? "accepted" : "rejected";
            producer.commit();
            return first + " " + second;
        }

        void terminalAndCommit() {
            terminal(++sequence);
            producer.commit();
        }

        private boolean multishot() {
            int res = ++sequence;
            if (producer.postMultishot(CheckedCqe.userData(number, generation), res, Cqe.F_MORE)) {
                return true;
            }
            terminal(res);
            return false;
        }

        private void terminal(int res) {
            producer.postTerminal(CheckedCqe.userData(number, generation), res, 0);
            generation++;
        }
    }
}
