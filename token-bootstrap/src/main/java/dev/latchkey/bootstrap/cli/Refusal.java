package dev.latchkey.bootstrap.cli;

/** What a command could not do, and why; printed without a stack trace. */
final class Refusal extends RuntimeException {

    Refusal(String reason) {
        super(reason, null, false, false);
    }
}
