package dev.latchkey.adapter.rest;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

@Serdeable
record TokenListResponse(List<TokenInfo> data, int page, int size, long total) {
}
