package dev.latchkey.adapter.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
record TokenListResponse(List<TokenInfo> data, int page, int size, long total) {
}
