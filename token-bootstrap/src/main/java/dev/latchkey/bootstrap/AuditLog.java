package dev.latchkey.bootstrap;

import dev.latchkey.application.port.out.PublishTokenEventPort;
import dev.latchkey.domain.TokenEvent;
import dev.latchkey.domain.TokenIssued;
import dev.latchkey.domain.TokenRefreshed;
import dev.latchkey.domain.TokenRevoked;
import dev.latchkey.domain.TokenRotated;
import dev.latchkey.domain.TokenUsed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes token events to the {@code latchkey.audit} log. Events carry ids, never secrets. Uses are logged at DEBUG
 * only: one line per API call would drown everything else.
 */
final class AuditLog implements PublishTokenEventPort {

    private static final Logger AUDIT = LoggerFactory.getLogger("latchkey.audit");

    @Override
    public void publish(TokenEvent event) {
        if (event instanceof TokenIssued issued) {
            AUDIT.info("token issued id={} owner={} kind={} expiry={}", issued.tokenId(), issued.owner(),
                    issued.kind(), issued.expiry().instant().map(Object::toString).orElse("never"));
        } else if (event instanceof TokenRevoked revoked) {
            AUDIT.info("token revoked id={} owner={} reason={}", revoked.tokenId(), revoked.owner(),
                    revoked.reason());
        } else if (event instanceof TokenRotated rotated) {
            AUDIT.info("token rotated id={} owner={} replacement={} retires={}", rotated.tokenId(), rotated.owner(),
                    rotated.replacement(), rotated.retiresAt());
        } else if (event instanceof TokenRefreshed refreshed) {
            AUDIT.info("refresh token spent id={} owner={}", refreshed.tokenId(), refreshed.owner());
        } else if (event instanceof TokenUsed used && AUDIT.isDebugEnabled()) {
            AUDIT.debug("token used id={} at={}", used.tokenId(), used.occurredAt());
        }
    }
}
