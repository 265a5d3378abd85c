package dev.latchkey.application.port.in;

import dev.latchkey.domain.Account;
import java.util.Optional;

/** What a signed-in person sees and sets of their own account: whether they get mail about their tokens. */
public interface OwnAccountUseCase {

    /** The caller's account; empty when it is gone. */
    Optional<Account> view(Caller caller);

    /** Turns the caller's token notices on or off, recorded in the trail when it changes; empty when it is gone. */
    Optional<Account> setNotifications(Caller caller, boolean wanted);
}
