package io.cqbench.strategies.lincheck;

import io.cqbench.spi.Cqe;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The strict sequential specification of a CQ with an overflow backlog, as the SPI and the kernel define
 * it, for the operations of {@link PosterModelCheck}. The model checks pass it to
 * {@link StaleFlagVerifier}, which reads its ring and batch sizes and applies these rules with the
 * relaxations the lock-free strategies need. Lincheck's own verifier replays it directly only to show
 * that those strategies break the strict rules.
 *
 * <p>The rules it encodes:
 * <ul>
 *   <li>The CQ is a ring of {@code entries} CQEs and an unbounded backlog, both in posting order. The
 *       consumer gets the ring's oldest CQE first and the backlog's oldest only when the ring is empty.
 *   <li>A CQE enters the ring only when the ring has room and the backlog is empty. Otherwise a
 *       multishot CQE is rejected and a terminating one is appended to the backlog, so a terminating
 *       CQE is never lost.
 *   <li>A rejected multishot CQE makes the producer terminate the request with a CQE of the same
 *       {@code res}, and the producer re-arms the request under the next generation of its
 *       {@code user_data}.
 * </ul>
 * These rules make every request's CQEs reach the consumer in posting order, with its multishot CQEs
 * before its terminating one.
 *
 * <p>With {@code slots > 0} the specification is that of a strategy which keeps each producer's CQEs in
 * a private batch of {@code slots} entries, as the kernel's deferred array does. A multishot CQE is then
 * accepted whenever the backlog is empty, whether or not the ring has room. The batch is placed when it
 * is full and a new CQE arrives, and at commit. Each CQE in turn goes into the ring while the ring has
 * room and the backlog is empty, else to the backlog, so a deferred multishot CQE may overflow.
 *
 * <p>{@link #reap()} hands out every CQE up to its limit. {@code agrona-mpsc} may hand out fewer at the
 * end of its buffer, which the SPI allows, so this strict form suits only the other strategies.
 */
public class CqSpecification {
    private final int entries;
    private final int slots;
    private final ArrayDeque<String> ring = new ArrayDeque<>();
    private final ArrayDeque<String> backlog = new ArrayDeque<>();
    private final Producer[] producers = new Producer[CheckedCqe.PRODUCERS];

    protected CqSpecification(int entries, int slots) {
        this.entries = entries;
        this.slots = slots;
        for (int i = 0; i < producers.length; i++) {
            producers[i] = new Producer(i);
        }
    }

    /** A 4-entry ring whose producers post straight into it, as {@code jctools-mpsc} does. */
    public static final class Ring4 extends CqSpecification {
        public Ring4() {
            super(4, 0);
        }
    }

    /** An 8-entry ring whose producers post straight into it, as {@code agrona-mpsc} does. */
    public static final class Ring8 extends CqSpecification {
        public Ring8() {
            super(8, 0);
        }
    }

    /** A 4-entry ring whose producers place CQEs from a 1-entry private batch, as {@code disruptor{slots=1}}. */
    public static final class Ring4Slots1 extends CqSpecification {
        public Ring4Slots1() {
            super(4, 1);
        }
    }

    /** A 4-entry ring whose producers place CQEs from a 2-entry private batch, as {@code disruptor{slots=2}}. */
    public static final class Ring4Slots2 extends CqSpecification {
        public Ring4Slots2() {
            super(4, 2);
        }
    }

    /** Returns the ring size in entries. */
    int entries() {
        return entries;
    }

    /** Returns the private batch size, or 0 when producers post straight into the ring. */
    int slots() {
        return slots;
    }

    public boolean multishotA() {
        return producers[CheckedCqe.PRODUCER_A].multishotAndCommit();
    }

    public boolean multishotB() {
        return producers[CheckedCqe.PRODUCER_B].multishotAndCommit();
    }

    public String twoMultishotsA() {
        return producers[CheckedCqe.PRODUCER_A].twoMultishotsAndCommit();
    }

    public String twoMultishotsB() {
        return producers[CheckedCqe.PRODUCER_B].twoMultishotsAndCommit();
    }

    public void terminalA() {
        producers[CheckedCqe.PRODUCER_A].terminalAndCommit();
    }

    public void terminalB() {
        producers[CheckedCqe.PRODUCER_B].terminalAndCommit();
    }

    /** Hands out up to {@link PosterModelCheck#REAP_LIMIT} CQEs, the ring's before the backlog's. */
    public String reap() {
        StringBuilder labels = new StringBuilder();
        for (int count = 0; count < PosterModelCheck.REAP_LIMIT; count++) {
            String next = !ring.isEmpty() ? ring.poll() : backlog.poll();
            if (next == null) {
                break;
            }
            labels.append(count == 0 ? "" : ", ").append(next);
        }
        return labels.length() == 0 ? CheckedCqe.NONE : labels.toString();
    }

    private boolean ringAccepts() {
        return backlog.isEmpty() && ring.size() < entries;
    }

    private void place(String cqe) {
        if (ringAccepts()) {
            ring.add(cqe);
        } else {
            backlog.add(cqe);
        }
    }

    /** One producer's request state and, with {@code slots > 0}, its private batch. */
    private final class Producer {
        private final int number;
        private final List<String> batch = new ArrayList<>();
        private int generation;
        private int sequence;

        Producer(int number) {
            this.number = number;
        }

        boolean multishotAndCommit() {
            boolean accepted = multishot();
            commit();
            return accepted;
        }

        String twoMultishotsAndCommit() {
            String first = multishot() ? "accepted" : "rejected";
            String second = multishot() ? "accepted" : "rejected";
            commit();
            return first + " " + second;
        }

        void terminalAndCommit() {
            terminal(++sequence);
            commit();
        }

        private boolean multishot() {
            int res = ++sequence;
            String cqe = CheckedCqe.label(CheckedCqe.userData(number, generation), res, Cqe.F_MORE);
            if (slots == 0) {
                if (ringAccepts()) {
                    ring.add(cqe);
                    return true;
                }
            } else {
                if (batch.size() == slots) {
                    placeBatch();
                }
                if (backlog.isEmpty()) {
                    batch.add(cqe);
                    return true;
                }
            }
            terminal(res);
            return false;
        }

        private void terminal(int res) {
            String cqe = CheckedCqe.label(CheckedCqe.userData(number, generation), res, 0);
            generation++;
            if (slots == 0) {
                place(cqe);
                return;
            }
            if (batch.size() == slots) {
                placeBatch();
            }
            batch.add(cqe);
        }

        private void commit() {
            placeBatch();
        }

        private void placeBatch() {
            for (String cqe : batch) {
                place(cqe);
            }
            batch.clear();
        }
    }
}
