package dev.latchkey.bootstrap;

import dev.latchkey.application.port.in.AuthenticateUseCase;
import dev.latchkey.application.port.out.LoginAuditPort;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes refused logins to the {@code latchkey.audit} log at INFO, so that guessing shows where operators look. The
 * username is written as presented, with anything but printable ASCII escaped, so that a crafted username cannot forge
 * log lines; the password is never given to this class.
 */
final class LoginLog implements LoginAuditPort {

    private static final Logger AUDIT = LoggerFactory.getLogger("latchkey.audit");
    private static final int SHOWN_LENGTH = 80;

    @Override
    public void refused(String username, String address, AuthenticateUseCase.Reason reason) {
        AUDIT.info("login refused username={} address={} reason={}", printable(username), printable(address),
                reason);
    }

    @Override
    public void limited(String username, String address, Duration retryAfter) {
        AUDIT.info("login limited username={} address={} retry-after={}s", printable(username), printable(address),
                Math.max(1, retryAfter.toSeconds()));
    }

    static String printable(String text) {
        StringBuilder shown = new StringBuilder("\"");
        text.codePoints().limit(SHOWN_LENGTH).forEach(codePoint -> {
            if (codePoint >= 0x20 && codePoint < 0x7f && codePoint != '"' && codePoint != '\\') {
                shown.appendCodePoint(codePoint);
            } else {
                shown.append(String.format("\\u%04x", codePoint));
            }
        });
        return shown.append(text.codePointCount(0, text.length()) > SHOWN_LENGTH ? "…\"" : "\"").toString();
    }
}
