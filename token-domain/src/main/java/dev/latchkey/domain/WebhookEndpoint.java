package dev.latchkey.domain;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where an administrator asked Latchkey to send events: an {@code https} URL, the event types it wants, and
 * optionally an organization, whose accounts' events alone it then receives. An endpoint stops receiving when an
 * administrator disables it, when it answers {@code 410 Gone}, or when every delivery to it has failed for three days;
 * {@code disabledReason} says which.
 */
public record WebhookEndpoint(WebhookEndpointId id, URI url, String description, Optional<String> organization,
                              Set<String> events, boolean enabled, Optional<String> disabledReason,
                              Instant createdAt) {

    /** The longest URL an endpoint may have. */
    public static final int MAX_URL_LENGTH = 2000;
    /** The longest description. */
    public static final int MAX_DESCRIPTION_LENGTH = 200;

    public WebhookEndpoint {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(organization, "organization");
        events = Set.copyOf(events);
        Objects.requireNonNull(disabledReason, "disabledReason");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /**
     * A URL an endpoint may have: absolute, {@code https} (or {@code http} where insecure destinations are allowed,
     * for development), with a host, and without credentials or a fragment. Whether its host is public is the
     * sender's question, asked again at each connection.
     *
     * @throws InvalidValueException saying what is wrong with it
     */
    public static URI url(String text, boolean insecureAllowed) {
        if (text == null || text.isBlank()) {
            throw new InvalidValueException("url", "give the URL events are sent to");
        }
        if (text.length() > MAX_URL_LENGTH) {
            throw new InvalidValueException("url", "a URL has at most " + MAX_URL_LENGTH + " characters");
        }
        URI url;
        try {
            url = new URI(text);
        } catch (URISyntaxException malformed) {
            throw new InvalidValueException("url", "not a URL");
        }
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(insecureAllowed && scheme.equals("http"))) {
            throw new InvalidValueException("url", insecureAllowed ? "events are sent to https or http URLs only"
                    : "events are sent to https URLs only");
        }
        if (url.getHost() == null || url.getRawUserInfo() != null || url.getRawFragment() != null) {
            throw new InvalidValueException("url", "the URL needs a host, and may carry no credentials or fragment");
        }
        return url;
    }

    /** A description as given, checked for length; none is empty. */
    public static String description(String text) {
        String description = text == null ? "" : text.strip();
        if (description.length() > MAX_DESCRIPTION_LENGTH || description.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidValueException("description", "a description is at most " + MAX_DESCRIPTION_LENGTH
                    + " characters, on one line");
        }
        return description;
    }

    /** Whether an event about an account of this organization (or of none) is this endpoint's to receive. */
    public boolean covers(Optional<String> accountOrganization) {
        return organization.isEmpty() || organization.equals(accountOrganization);
    }

    public WebhookEndpoint disabled(String reason) {
        return new WebhookEndpoint(id, url, description, organization, events, false, Optional.of(reason), createdAt);
    }
}
