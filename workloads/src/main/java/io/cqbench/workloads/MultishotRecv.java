package io.cqbench.workloads;

import io.cqbench.harness.OrderingVerifier;
import io.cqbench.harness.OrderingViolation;
import io.cqbench.spi.Cqe;
import io.cqbench.spi.CqPoster;
import io.cqbench.spi.CqProducer;
import io.cqbench.spi.CqeHandler;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The batching patch's multishot recv benchmark without sockets: {@code connections} multishot recvs
 * share one ring of provided buffers. Each round, every connection receives {@code burst} messages,
 * posting one CQE each in one task-work batch, as the kernel's multishot recv loop does while data is
 * waiting; the application reaps them all, returns each buffer to the ring as it reaps, and re-arms
 * every connection whose last CQE lacked {@code F_MORE}.
 *
 * <p>A message takes the buffer at the head of the buffer ring; its CQE carries {@code F_BUFFER} and the
 * buffer id in the upper 16 bits of {@code flags}, and its byte count in {@code res}. Check value: the
 * byte count is {@code 1 + (n % 2000)} for the connection's n-th message, a size that fits a 2000-byte
 * buffer. A connection terminates with {@code -ENOBUFS} when the ring has no buffer, with {@code res == 0}
 * when its peer closes (every {@code closeEvery}-th message, 0 never), and with its message's CQE without
 * {@code F_MORE} when the CQ has no room. A connection that terminates receives nothing more in that
 * round. {@link #round(int)} posts at most a given number of CQEs, so a benchmark invocation can post an
 * exact count.
 */
final class MultishotRecv implements CqeHandler {
    private final CqPoster poster;
    private final CqProducer producer;
    private final OrderingVerifier verifier;
    private final int connections;
    private final int burst;
    private final int closeEvery;
    private final int workPerCqe;
    private final long[] userData;
    private final long[] messages;
    // The provided-buffer ring: the kernel takes ids at head, the application returns them at tail.
    private final int[] bufferRing;
    private final boolean[] bufferInUse;
    private long bufferHead;
    private long bufferTail;
    private long terminationsSeen;

    MultishotRecv(CqPoster poster, OrderingVerifier verifier, int connections, int burst, int buffers, int closeEvery,
                  int workPerCqe) {
        if (buffers < 1 || buffers > (1 << 16) || Integer.bitCount(buffers) != 1) {
            throw new IllegalArgumentException("invalid buffers=" + buffers + ": expected a power of two from 1 to 65536");
        }
        this.poster = poster;
        this.producer = poster.newProducer();
        this.verifier = verifier;
        this.connections = connections;
        this.burst = burst;
        this.closeEvery = closeEvery;
        this.workPerCqe = workPerCqe;
        this.userData = new long[connections];
        this.messages = new long[connections];
        this.bufferRing = new int[buffers];
        this.bufferInUse = new boolean[buffers];
        for (int id = 0; id < buffers; id++) {
            bufferRing[id] = id;
        }
        this.bufferTail = buffers;
        for (int connection = 0; connection < connections; connection++) {
            userData[connection] = connection;
            verifier.arm(connection);
        }
    }

    /**
     * Runs one round: up to {@code burst} messages per connection in one batch (until {@code budget}
     * CQEs are posted), then commit, reap all, re-arm. Returns how many CQEs were posted and reaped.
     */
    int round(int budget) {
        int posted = 0;
        for (int connection = 0; connection < connections && posted < budget; connection++) {
            for (int i = 0; i < burst && posted < budget; i++) {
                if (workPerCqe > 0) {
                    Blackhole.consumeCPU(workPerCqe);
                }
                posted++;
                if (!receive(connection)) {
                    break;                             // the recv ended: nothing more until re-armed
                }
            }
        }
        producer.commit();
        ReapLoop.reapExactly(poster, this, verifier, posted);
        rearmTerminated();
        return posted;
    }

    /** Receives one message and posts its CQE. Returns whether the recv stays armed. */
    private boolean receive(int connection) {
        long ud = userData[connection];
        long message = messages[connection]++;
        if (closeEvery > 0 && message % closeEvery == closeEvery - 1) {
            terminate(ud, 0, 0);                       // the peer closed: recv returns 0
            return false;
        }
        if (bufferHead == bufferTail) {
            terminate(ud, Cqe.ENOBUFS, 0);             // no provided buffer left
            return false;
        }
        int mask = bufferRing.length - 1;
        int bufferId = bufferRing[(int) (bufferHead++ & mask)];
        bufferInUse[bufferId] = true;
        int bytes = 1 + (int) (message % 2000);
        int flags = Cqe.F_MORE | Cqe.bufferFlags(bufferId);
        if (producer.postMultishot(ud, bytes, flags)) {
            verifier.posted(ud, bytes, flags);
            return true;
        }
        terminate(ud, bytes, Cqe.bufferFlags(bufferId));   // the data still arrives, without F_MORE
        return false;
    }

    private void terminate(long ud, int res, int flags) {
        producer.postTerminal(ud, res, flags);
        verifier.posted(ud, res, flags);
    }

    /** The application's handler: verify the CQE, then return its buffer to the ring. */
    @Override
    public void onCqe(long ud, int res, int flags) {
        verifier.onCqe(ud, res, flags);
        if ((flags & Cqe.F_BUFFER) != 0) {
            int bufferId = Cqe.bufferId(flags);
            if (bufferId >= bufferRing.length || !bufferInUse[bufferId]) {
                throw new OrderingViolation("buffer " + bufferId + " of " + Cqe.format(ud, res, flags)
                    + " was not handed out, or was returned already", ud, verifier.verified() - 1);
            }
            bufferInUse[bufferId] = false;
            bufferRing[(int) (bufferTail++ & (bufferRing.length - 1))] = bufferId;
        }
    }

    private void rearmTerminated() {
        if (verifier.terminations() == terminationsSeen) {
            return;
        }
        terminationsSeen = verifier.terminations();
        for (int connection = 0; connection < connections; connection++) {
            if (!verifier.isArmed(userData[connection])) {
                userData[connection] += 1L << 32;      // new arming, new generation in the high bits
                verifier.arm(userData[connection]);
            }
        }
    }

    /** Commits, reaps everything and checks that every posted CQE was reaped. */
    void drainAndCheck() {
        producer.commit();
        ReapLoop.drainAndCheck(poster, this, verifier);
    }

    OrderingVerifier verifier() {
        return verifier;
    }

    CqPoster poster() {
        return poster;
    }
}
