package dev.latchkey.adapter.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.latchkey.application.port.in.TokenDetails;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Locale;

/** What the API shows of a token: everything but its secret. A null time means "never" (or "not yet"). */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record TokenInfo(String tokenId, String accountId, String kind, String description, List<String> scopes,
                 String status, String createdAt, @Nullable String expiresAt, @Nullable String lastUsedAt,
                 @Nullable String revokedAt) {

    static TokenInfo of(TokenDetails details) {
        Token token = details.token();
        return new TokenInfo(token.id().toString(), token.owner().toString(), token.kind().name().toLowerCase(Locale.ROOT),
                token.description().value(), List.copyOf(token.scopes().values()), statusName(details.status()),
                Timestamps.isoMillis(token.createdAt()), Timestamps.isoMillis(token.expiry().instant().orElse(null)),
                Timestamps.isoMillis(token.lastUsedAt().orElse(null)),
                Timestamps.isoMillis(token.revocation().map(revocation -> revocation.at()).orElse(null)));
    }

    private static String statusName(TokenStatus status) {
        if (status instanceof TokenStatus.Revoked) {
            return "revoked";
        }
        if (status instanceof TokenStatus.Consumed) {
            return "consumed";
        }
        return status instanceof TokenStatus.Expired ? "expired" : "active";
    }
}
