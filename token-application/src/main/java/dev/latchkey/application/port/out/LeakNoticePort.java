package dev.latchkey.application.port.out;

import dev.latchkey.domain.AccountId;
import dev.latchkey.domain.LeakNotice;
import dev.latchkey.domain.TokenId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Where the notices of tokens found leaked are kept for their owners: written in the transaction that revokes the
 * token, read by the owner's token list, dismissed by the owner.
 */
public interface LeakNoticePort {

    /** Records a token's notice, in the caller's transaction; a token has one notice, so a second is ignored. */
    void record(LeakNotice notice);

    /** The owner's notices not yet dismissed, the newest first, at most {@code limit} of them. */
    List<LeakNotice> undismissed(AccountId owner, int limit);

    /** The notices of these tokens of the owner, dismissed or not. */
    List<LeakNotice> ofTokens(AccountId owner, Collection<TokenId> tokens);

    /** Marks each of the owner's notices not yet dismissed as dismissed now; answers how many there were. */
    int dismissAll(AccountId owner, Instant at);
}
