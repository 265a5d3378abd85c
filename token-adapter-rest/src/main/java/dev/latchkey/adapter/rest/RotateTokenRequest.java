package dev.latchkey.adapter.rest;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Body of {@code POST /api/v1/tokens/{tokenId}/rotate}; optional, as is its one field. */
@Serdeable
record RotateTokenRequest(@Nullable @Min(0) @Max(2_592_000) Long overlapSeconds) {
}
