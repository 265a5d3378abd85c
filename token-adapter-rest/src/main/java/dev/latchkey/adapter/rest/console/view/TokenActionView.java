package dev.latchkey.adapter.rest.console.view;

import java.util.List;

/**
 * The confirmation before revoking a token, or the form that rotates one with the overlaps offered (empty for a
 * revocation).
 */
public record TokenActionView(Frame frame, String csrfToken, String tokenId, String description,
                              List<OverlapChoice> overlaps) {

    public record OverlapChoice(String seconds, String label, boolean suggested) {
    }
}
