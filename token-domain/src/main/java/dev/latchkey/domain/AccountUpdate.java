package dev.latchkey.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * An account after one or more of its transitions, and what each changed; a transition that changes nothing (disabling
 * a disabled account) reports nothing.
 */
public record AccountUpdate(Account account, List<AccountChange> changes) {

    public AccountUpdate {
        Objects.requireNonNull(account, "account");
        changes = List.copyOf(changes);
    }

    /** The account as it is, before any transition. */
    public static AccountUpdate of(Account account) {
        return new AccountUpdate(account, List.of());
    }

    /** This update followed by another transition of the account it produced. */
    public AccountUpdate then(java.util.function.Function<Account, AccountUpdate> transition) {
        AccountUpdate next = transition.apply(account);
        List<AccountChange> all = new ArrayList<>(changes);
        all.addAll(next.changes());
        return new AccountUpdate(next.account(), all);
    }

    public boolean changed() {
        return !changes.isEmpty();
    }

    public boolean has(Class<? extends AccountChange> kind) {
        return changes.stream().anyMatch(kind::isInstance);
    }

    public boolean withdrawsScopes() {
        return changes.stream().anyMatch(AccountChange::withdrawsScopes);
    }

    /** The audit trail's detail: each change, in the order made. */
    public String auditDetail() {
        return changes.stream().map(AccountChange::auditDetail).collect(Collectors.joining(" "));
    }

    static AccountUpdate single(Account after, AccountChange change) {
        return new AccountUpdate(after, List.of(change));
    }
}
