package dev.latchkey.adapter.rest;

import dev.latchkey.domain.Scopes;
import dev.latchkey.domain.TokenDescription;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;

/**
 * Body of {@code POST /api/v1/tokens}; every field is optional. The size limits stop oversized input at the edge;
 * the domain's value objects apply the full rules.
 *
 * @param lifetimeSeconds positive seconds, {@code -1} for never, or absent for the configured default
 */
@Serdeable
record IssueTokenRequest(@Nullable @Size(max = TokenDescription.MAX_LENGTH) String description,
                         @Nullable BigDecimal lifetimeSeconds,
                         @Nullable @Size(max = Scopes.MAX_COUNT) List<String> scopes) {
}
