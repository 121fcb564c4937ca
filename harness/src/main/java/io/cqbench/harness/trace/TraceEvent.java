package io.cqbench.harness.trace;

/**
 * One io_uring trace event that cqbench uses, as read from a capture line. {@link TraceReader} reuses a
 * single instance, so copy what you keep.
 */
public final class TraceEvent {
    /** The events cqbench reads; every other event is skipped. */
    public enum Kind {
        /** {@code io_uring_complete}: a CQE written into the CQ ring. */
        COMPLETE,
        /** {@code io_uring_cqe_overflow}: a CQE that found the ring full and went to the overflow backlog. */
        CQE_OVERFLOW,
        /** {@code io_uring_local_work_run}: the end of one run of a ring's deferred task work. */
        LOCAL_WORK_RUN,
        /** {@code io_uring_task_work_run}: the end of one run of a task's task work (no ring pointer). */
        TASK_WORK_RUN,
        /** {@code io_uring_submit_req}: a request submitted, that is armed or re-armed. */
        SUBMIT_REQ
    }

    Kind kind;
    long line;
    String task;
    String pid;
    String ring;
    String taskContext;
    long userData;
    int res;
    int flags;

    public Kind kind() {
        return kind;
    }

    /** Returns the 1-based line number in the capture. */
    public long line() {
        return line;
    }

    /** Returns the task (command) name that logged the event. */
    public String task() {
        return task;
    }

    /** Returns the process or thread id that logged the event, as printed. */
    public String pid() {
        return pid;
    }

    /** Returns the ring pointer as printed, or {@code null} for {@link Kind#TASK_WORK_RUN}. */
    public String ring() {
        return ring;
    }

    /** Returns the task context pointer of {@link Kind#TASK_WORK_RUN}, else {@code null}. */
    public String taskContext() {
        return taskContext;
    }

    public long userData() {
        return userData;
    }

    public int res() {
        return res;
    }

    public int flags() {
        return flags;
    }

    /** Returns whether the event carries a CQE: {@link Kind#COMPLETE} or {@link Kind#CQE_OVERFLOW}. */
    public boolean isCqe() {
        return kind == Kind.COMPLETE || kind == Kind.CQE_OVERFLOW;
    }
}
