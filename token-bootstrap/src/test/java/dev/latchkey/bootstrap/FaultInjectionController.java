package dev.latchkey.bootstrap;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import java.util.ArrayList;
import java.util.List;

/**
 * Real resource exhaustion on demand, for {@link FatalErrorTest}'s child processes only: it exists in the test
 * classpath, and only when {@code LATCHKEY_TEST_FAULTS=enabled}. Each fault is the JVM's own error, not one thrown by
 * hand: the heap is filled until the collector gives up, and a thread is asked for with a stack no kernel maps.
 */
@Controller("/test/faults")
@Secured(SecurityRule.IS_ANONYMOUS)
@Requires(property = "latchkey.test.faults", value = "enabled")
@ExecuteOn(TaskExecutors.BLOCKING)
final class FaultInjectionController {

    /** 64 TiB: more than the machine's memory and swap, so that the kernel refuses the thread's stack. */
    private static final long UNMAPPABLE_STACK = 1L << 46;

    @Post("/heap")
    String fillTheHeap() {
        return "held " + fill().size() + " MiB";
    }

    @Post("/heap-in-background")
    String fillTheHeapInABackgroundThread() {
        Thread filler = new Thread(() -> System.out.println("held " + fill().size() + " MiB"), "heap-filler");
        filler.start();
        return "started";
    }

    @Post("/thread")
    String startAThreadTheKernelRefuses() {
        Thread unstartable = new Thread(null, () -> { }, "unmappable-stack", UNMAPPABLE_STACK);
        unstartable.start();
        return "started";
    }

    @Post("/stack-overflow")
    String overflowTheStack() {
        return "depth " + recurse(0);
    }

    private static List<byte[]> fill() {
        List<byte[]> held = new ArrayList<>();
        while (true) {
            held.add(new byte[1 << 20]);
        }
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }
}
