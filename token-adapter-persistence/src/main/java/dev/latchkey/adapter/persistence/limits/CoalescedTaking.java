package dev.latchkey.adapter.persistence.limits;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongFunction;

/**
 * Takes from one shared allowance for every request of this node that asks at the same time, in one compare-and-swap
 * of the allowance's row instead of one each: while one take is in flight, the requests that arrive join the next,
 * and its first waiter makes it for all of them. Under load an account's new tokens cost one allowance write per
 * batch, not per token, and the batch's requests no longer retry against each other's swaps (issue 27: the
 * per-request swap, contended, was half the CPU of issuance).
 *
 * <p>Exactly as many are admitted as the shared row gave: a take asks for as many as wait, and admits as many as it
 * got, in the order they joined; the rest are refused with the time until the next one refills.
 */
final class CoalescedTaking {

    /** What one take from the shared row gave: how many, and how long until one more refills if that was short. */
    record Taken(long granted, long nanosUntilNext) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition decided = lock.newCondition();
    private Round forming = new Round();
    private boolean taking;

    /** Nanoseconds to wait if this request was refused, or -1 if it was admitted. */
    long take(LongFunction<Taken> takeFromTheRow) {
        lock.lock();
        try {
            Round round = forming;
            long place = round.wanted++;
            while (!round.done) {
                if (!taking && round == forming) {
                    lead(round, takeFromTheRow);
                } else {
                    decided.awaitUninterruptibly();
                }
            }
            if (round.failure != null) {
                throw round.failure;
            }
            return place < round.taken.granted() ? -1 : round.taken.nanosUntilNext();
        } finally {
            lock.unlock();
        }
    }

    /** Closes the round to newcomers and takes for all of it, with the lock released while the store is asked. */
    private void lead(Round round, LongFunction<Taken> takeFromTheRow) {
        taking = true;
        forming = new Round();
        long wanted = round.wanted;
        lock.unlock();
        try {
            round.taken = takeFromTheRow.apply(wanted);
        } catch (RuntimeException failure) {
            round.failure = failure;
        } finally {
            lock.lock();
            round.done = true;
            taking = false;
            decided.signalAll();
        }
    }

    /** Whether nobody is taking or waiting to, so that the taking can be forgotten. */
    boolean isIdle() {
        lock.lock();
        try {
            return !taking && forming.wanted == 0;
        } finally {
            lock.unlock();
        }
    }

    private static final class Round {
        private long wanted;
        private boolean done;
        private Taken taken;
        private RuntimeException failure;
    }
}
