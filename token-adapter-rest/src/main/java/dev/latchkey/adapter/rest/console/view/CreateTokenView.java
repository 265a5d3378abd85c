package dev.latchkey.adapter.rest.console.view;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The form that creates a token, filled with what was sent last time. The lifetimes come with the policy's answer
 * for each: a lifetime the policy refuses is shown, disabled, with the reason.
 */
public record CreateTokenView(Frame frame, String csrfToken, String description, int descriptionMaxLength,
                              String scopes, List<LifetimeChoice> lifetimes, boolean dateChosen, String date,
                              LocalDate earliestDate, boolean neverOffered, boolean neverChosen) {

    public record LifetimeChoice(String value, String label, boolean chosen, Optional<String> refusal) {
    }
}
