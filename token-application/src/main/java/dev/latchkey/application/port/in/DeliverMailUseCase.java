package dev.latchkey.application.port.in;

/** Sends the owners' mail that is due, from the outbox shared by every node (issue 25). */
public interface DeliverMailUseCase {

    /** Claims up to {@code max} due messages and sends each; answers how many went out. */
    int sendDue(int max);
}
