package io.cqbench.strategies;

import io.cqbench.model.BacklogOrderedPoster;
import io.cqbench.model.PostSignals;
import io.cqbench.spi.CqConfig;
import io.cqbench.spi.CqProducer;
import io.cqbench.spi.CqeHandler;
import io.cqbench.spi.ProducerModel;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.nio.ByteBuffer;

/**
 * The CQ as an Agrona {@link ManyToOneRingBuffer} of binary records: each CQE is claimed with
 * {@code tryClaim} (a compare-and-set on the tail), written in place and committed, so there is no
 * completion lock; waiters and the eventfd are signalled once per batch.
 *
 * <p>Record layout, after Agrona's 8-byte record header:
 * <pre>
 *   0       8       12      16              24
 *   +-------+-------+-------+---------------+
 *   |user_data      |res    |flags  |padding|
 *   +-------+-------+-------+---------------+
 * </pre>
 * The 8 bytes of padding make a record 32 bytes, so a buffer of {@code entries * 32} bytes has room for exactly
 * {@code entries} CQEs and no record ever wraps.
 */
public final class AgronaMpscPoster extends BacklogOrderedPoster {
    static final int MSG_TYPE_CQE = 1;
    static final int RECORD_PAYLOAD = 24;
    private static final int RECORD_SIZE = 32;

    private final ManyToOneRingBuffer ring;
    private final PostSignals signals;
    private final int entries;
    private final ReapAdapter reapAdapter = new ReapAdapter();

    public AgronaMpscPoster(CqConfig config) {
        super(ProducerModel.MANY);
        this.entries = config.entries();
        int bytes = entries * RECORD_SIZE + RingBufferDescriptor.TRAILER_LENGTH;
        this.ring = new ManyToOneRingBuffer(new UnsafeBuffer(ByteBuffer.allocateDirect(bytes)));
        this.signals = new PostSignals(config);
    }

    @Override
    protected CqProducer createProducer() {
        return new Producer();
    }

    @Override
    protected int reapRing(CqeHandler handler, int limit) {
        reapAdapter.target = handler;
        return ring.read(reapAdapter, limit);
    }

    @Override
    protected boolean isRingEmpty() {
        // Positions, not read(): a record claimed but not yet committed stops read() but still counts
        // here, so the backlog is not handed out ahead of it.
        return ring.producerPosition() == ring.consumerPosition();
    }

    @Override
    public PostSignals postSignals() {
        return signals;
    }

    @Override
    public String toString() {
        return AgronaMpscProvider.ALIAS + "{entries=" + entries + ", eventfd=" + (signals.eventFd() != null) + "}";
    }

    private static final class ReapAdapter implements MessageHandler {
        CqeHandler target;

        @Override
        public void onMessage(int msgTypeId, org.agrona.MutableDirectBuffer buffer, int index, int length) {
            deliver(buffer, index);
        }

        private void deliver(DirectBuffer buffer, int index) {
            target.onCqe(buffer.getLong(index), buffer.getInt(index + 8), buffer.getInt(index + 12));
        }
    }

    private final class Producer implements CqProducer {
        private boolean posted;

        private boolean post(long userData, int res, int flags) {
            int index = ring.tryClaim(MSG_TYPE_CQE, RECORD_PAYLOAD);
            if (index == RingBuffer.INSUFFICIENT_CAPACITY) {
                return false;
            }
            var buffer = ring.buffer();
            buffer.putLong(index, userData);
            buffer.putInt(index + 8, res);
            buffer.putInt(index + 12, flags);
            ring.commit(index);
            posted = true;
            return true;
        }

        @Override
        public boolean postMultishot(long userData, int res, int flags) {
            return !backlog.isPending() && post(userData, res, flags);
        }

        @Override
        public void postTerminal(long userData, int res, int flags) {
            if (backlog.isPending() || !post(userData, res, flags)) {
                backlog.add(userData, res, flags);   // earlier records of this producer are committed
                posted = true;
            }
        }

        @Override
        public void commit() {
            if (posted) {
                posted = false;
                signals.afterCommit();
            }
        }
    }
}
