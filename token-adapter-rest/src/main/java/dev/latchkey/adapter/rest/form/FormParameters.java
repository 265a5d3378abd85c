package dev.latchkey.adapter.rest.form;

import dev.latchkey.wire.StrictJson;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An {@code application/x-www-form-urlencoded} body, read strictly as RFC 6749 asks: a parameter sent twice makes the
 * request invalid (section 3.2), and a parameter sent empty counts as absent (section 3.1).
 */
public final class FormParameters {

    private final Map<String, String> values;

    private FormParameters(Map<String, String> values) {
        this.values = values;
    }

    /** The parameters, or the name of the first one that appears twice. */
    public static Parsed parse(String body) {
        Map<String, String> values = new HashMap<>();
        if (body != null && !body.isEmpty()) {
            for (String pair : body.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name;
                String value;
                try {
                    name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                    value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException badEscape) {
                    return new Parsed.Malformed("the body has an invalid percent-encoding");
                }
                if (values.containsKey(name)) {
                    return new Parsed.Malformed("the parameter '" + StrictJson.shown(name)
                            + "' appears more than once");
                }
                values.put(name, value);
            }
        }
        return new Parsed.Form(new FormParameters(values));
    }

    /** The names of the parameters sent, empty ones included. */
    public Set<String> names() {
        return Set.copyOf(values.keySet());
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name)).filter(value -> !value.isEmpty());
    }

    public sealed interface Parsed {
        record Form(FormParameters parameters) implements Parsed {
        }

        record Malformed(String reason) implements Parsed {
        }
    }
}
