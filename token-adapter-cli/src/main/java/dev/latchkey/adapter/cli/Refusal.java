package dev.latchkey.adapter.cli;

/**
 * What a command could not do, and why; printed without a stack trace, exit status 1. Public for the composition
 * root, whose store may be the thing that cannot be opened.
 */
public final class Refusal extends RuntimeException {

    public Refusal(String reason) {
        super(reason, null, false, false);
    }
}
