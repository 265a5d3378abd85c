package dev.latchkey.adapter.persistence.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CoalescedTakingTest {

    @Test
    void aLoneRequestTakesOneForItself() {
        CoalescedTaking taking = new CoalescedTaking();
        List<Long> asked = new ArrayList<>();

        long admitted = taking.take(wanted -> {
            asked.add(wanted);
            return new CoalescedTaking.Taken(wanted, 0);
        });

        assertThat(admitted).isEqualTo(-1);
        assertThat(asked).containsExactly(1L);
        assertThat(taking.isIdle()).isTrue();
    }

    /** 64 requests at once from a row that holds 20: exactly 20 admitted, in fewer takes than requests. */
    @Test
    void concurrentRequestsShareTakesAndNeverGetMoreThanTheRowGave() throws Exception {
        CoalescedTaking taking = new CoalescedTaking();
        AtomicLong left = new AtomicLong(20);
        AtomicInteger takes = new AtomicInteger();
        AtomicInteger admitted = new AtomicInteger();
        AtomicInteger refusedWithAWait = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService requests = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int request = 0; request < 64; request++) {
                runs.add(requests.submit(() -> {
                    start.await();
                    long wait = taking.take(wanted -> {
                        takes.incrementAndGet();
                        sleep(); // the row's write, during which others arrive
                        long granted = Math.min(wanted, left.get());
                        left.addAndGet(-granted);
                        return new CoalescedTaking.Taken(granted, 3_000_000_000L);
                    });
                    if (wait < 0) {
                        admitted.incrementAndGet();
                    } else if (wait == 3_000_000_000L) {
                        refusedWithAWait.incrementAndGet();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> run : runs) {
                run.get(30, TimeUnit.SECONDS);
            }
        } finally {
            requests.shutdownNow();
        }

        assertThat(admitted.get()).isEqualTo(20);
        assertThat(refusedWithAWait.get()).isEqualTo(44);
        assertThat(takes.get()).as("takes from the row").isLessThan(64);
        assertThat(taking.isIdle()).isTrue();
    }

    @Test
    void aFailedTakeFailsEveryRequestInItAndTheNextTakeIsMadeAfresh() {
        CoalescedTaking taking = new CoalescedTaking();
        IllegalStateException storeAway = new IllegalStateException("store away");

        assertThatThrownBy(() -> taking.take(wanted -> {
            throw storeAway;
        })).isSameAs(storeAway);
        assertThat(taking.take(wanted -> new CoalescedTaking.Taken(wanted, 0))).isEqualTo(-1);
    }

    private static void sleep() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
