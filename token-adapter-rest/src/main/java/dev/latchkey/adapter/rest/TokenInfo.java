package dev.latchkey.adapter.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.latchkey.application.port.in.TokenDetails;
import dev.latchkey.domain.Token;
import dev.latchkey.domain.TokenStatus;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Locale;

/** What the API shows of a token: everything but its secret. A null time means "never" (or "not yet"). */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record TokenInfo(@Schema(example = "0b5ad4a4-3f53-4c1c-9d3e-7f2a4b8d9e10") String tokenId,
                 @Schema(example = "6dd194c1-d6eb-40b0-884f-b87133bc0161") String accountId,
                 @Schema(description = "personal, access or refresh", example = "personal") String kind,
                 @Schema(example = "deploy bot") String description,
                 @Schema(example = "[\"deploy\"]") List<String> scopes,
                 @Schema(description = "active, expired, revoked or consumed", example = "active") String status,
                 @Schema(example = "2026-11-25T15:44:44.139Z") String createdAt,
                 @Nullable @Schema(description = "null: never expires", example = "2026-11-25T16:44:44.139Z")
                 String expiresAt,
                 @Nullable @Schema(description = "null: never used") String lastUsedAt,
                 @Nullable @Schema(description = "when a revocation took or takes effect; a rotated token's is in the "
                         + "future until its overlap ends") String revokedAt) {

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
