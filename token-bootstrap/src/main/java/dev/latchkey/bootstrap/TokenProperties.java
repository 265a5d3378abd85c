package dev.latchkey.bootstrap;

import dev.latchkey.domain.InvalidValueException;
import dev.latchkey.domain.TokenSecretFormat;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.exceptions.ConfigurationException;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code latchkey.token.*}: the prefix new token secrets carry ({@code LATCHKEY_TOKEN_PREFIX}, {@code lk_} by
 * default), and every prefix the installation issued before ({@code LATCHKEY_TOKEN_PREVIOUS_PREFIXES}, comma
 * separated), which stay accepted. Checked at start-up: a prefix a scanner could not match stops it.
 */
@ConfigurationProperties(TokenProperties.PREFIX)
public class TokenProperties {

    public static final String PREFIX = "latchkey.token";

    private String prefix = TokenSecretFormat.DEFAULT_PREFIX;
    private List<String> previousPrefixes = new ArrayList<>();

    public String getPrefix() {
        return prefix;
    }

    public void setPrefix(String prefix) {
        this.prefix = prefix;
    }

    public List<String> getPreviousPrefixes() {
        return previousPrefixes;
    }

    public void setPreviousPrefixes(List<String> previousPrefixes) {
        this.previousPrefixes = previousPrefixes == null ? new ArrayList<>() : new ArrayList<>(previousPrefixes);
    }

    TokenSecretFormat toFormat() {
        try {
            return TokenSecretFormat.of(prefix == null ? "" : prefix.strip(),
                    previousPrefixes.stream().map(String::strip).filter(earlier -> !earlier.isEmpty()).toList());
        } catch (InvalidValueException invalid) {
            throw new ConfigurationException(PREFIX + "." + invalid.field() + ": " + invalid.reason());
        }
    }
}
