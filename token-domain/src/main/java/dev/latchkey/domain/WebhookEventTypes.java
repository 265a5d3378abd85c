package dev.latchkey.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The events a webhook endpoint may subscribe to. Every audit event is one, under its wire name
 * ({@code token.issued}); some are also published under a narrower name that says what happened
 * ({@code account.disabled} for a change of an account that disabled it). {@code *} subscribes to them all, which is
 * how a SIEM streams the whole trail. {@code webhook.test}, which no audit entry records, is sent to one endpoint on
 * an administrator's request.
 */
public final class WebhookEventTypes {

    /** Every event there is, the whole trail included. */
    public static final String EVERY_EVENT = "*";
    public static final String ACCOUNT_DISABLED = "account.disabled";
    public static final String CLIENT_DISABLED = "client.disabled";
    public static final String WEBHOOK_TEST = "webhook.test";
    /** The most event types one endpoint may name; {@code *} covers more. */
    public static final int MAX_SUBSCRIBED = 64;

    private static final String DISABLED = "enabled=false";
    private static final Set<String> KNOWN = allNames();

    private WebhookEventTypes() {
    }

    private static Set<String> allNames() {
        Set<String> names = new TreeSet<>(List.of(EVERY_EVENT, ACCOUNT_DISABLED, CLIENT_DISABLED, WEBHOOK_TEST));
        Arrays.stream(AuditEventType.values()).map(AuditEventType::wireName).forEach(names::add);
        return Set.copyOf(names);
    }

    /** Every name an endpoint may subscribe to, sorted. */
    public static Set<String> known() {
        return new TreeSet<>(KNOWN);
    }

    /**
     * The types an endpoint subscribes to, checked: at least one, each known, each once.
     *
     * @throws InvalidValueException naming the first unknown type
     */
    public static Set<String> subscription(List<String> requested) {
        if (requested == null || requested.isEmpty()) {
            throw new InvalidValueException("events", "name at least one event type, or * for every event");
        }
        if (requested.size() > MAX_SUBSCRIBED) {
            throw new InvalidValueException("events", "name at most " + MAX_SUBSCRIBED + " event types, or *");
        }
        Set<String> subscribed = new LinkedHashSet<>();
        for (String type : requested) {
            if (type == null || !KNOWN.contains(type)) {
                throw new InvalidValueException("events", "unknown event type " + shown(type)
                        + "; the types are " + String.join(", ", new TreeSet<>(KNOWN)));
            }
            subscribed.add(type);
        }
        return Set.copyOf(subscribed);
    }

    /**
     * The names an audit event is published under, the narrowest first: a change that disabled an account is
     * {@code account.disabled}, then {@code account.changed}.
     */
    public static List<String> namesOf(AuditEvent event) {
        List<String> names = new ArrayList<>(2);
        boolean disabled = List.of(event.detail().split(" ")).contains(DISABLED);
        if (disabled && event.type() == AuditEventType.ACCOUNT_CHANGED) {
            names.add(ACCOUNT_DISABLED);
        }
        if (disabled && event.type() == AuditEventType.CLIENT_CHANGED) {
            names.add(CLIENT_DISABLED);
        }
        names.add(event.type().wireName());
        return List.copyOf(names);
    }

    /**
     * The name an endpoint subscribed to these types receives an event under: the narrowest of its names that the
     * endpoint subscribes to ({@code *} takes the narrowest of all), or empty when it subscribes to none of them.
     */
    public static java.util.Optional<String> deliveredAs(List<String> names, Set<String> subscribed) {
        return names.stream().filter(name -> subscribed.contains(EVERY_EVENT) || subscribed.contains(name))
                .findFirst();
    }

    /** How a requested type appears in an error: short, and printable. */
    private static String shown(String type) {
        if (type == null) {
            return "null";
        }
        String cut = type.length() > 40 ? type.substring(0, 40) + "…" : type;
        return "'" + cut.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
