package dev.latchkey.application.service;

import dev.latchkey.application.port.in.AuthenticateUseCase;
import dev.latchkey.application.port.in.Caller;
import dev.latchkey.application.port.in.SignInSessionsUseCase;
import dev.latchkey.application.port.out.RandomnessPort;
import dev.latchkey.application.port.out.SignInSessionPort;
import dev.latchkey.domain.SecretHash;
import dev.latchkey.domain.SessionTimeouts;
import dev.latchkey.domain.SignInSession;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

final class SignInSessionsService implements SignInSessionsUseCase {

    private static final int SECRET_BYTES = 32;

    private final SignInSessionPort sessions;
    private final AuthenticateUseCase authenticate;
    private final RandomnessPort randomness;
    private final SessionTimeouts timeouts;
    private final Clock clock;

    SignInSessionsService(SignInSessionPort sessions, AuthenticateUseCase authenticate, RandomnessPort randomness,
                          SessionTimeouts timeouts, Clock clock) {
        this.sessions = sessions;
        this.authenticate = authenticate;
        this.randomness = randomness;
        this.timeouts = timeouts;
        this.clock = clock;
    }

    @Override
    public Started start(Caller caller, String passwordStamp) {
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(randomness.nextBytes(SECRET_BYTES));
        SignInSession session = SignInSession.start(SecretHash.of(secret), caller.accountId(), passwordStamp,
                clock.instant());
        sessions.save(session);
        return new Started(secret, caller, session.endsAt(timeouts));
    }

    @Override
    public Optional<Resumed> resume(String secret) {
        SecretHash id = SecretHash.of(secret);
        Optional<SignInSession> found = sessions.find(id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        SignInSession session = found.get();
        Instant now = clock.instant();
        if (!session.isLiveAt(now, timeouts)) {
            sessions.end(id);
            return Optional.empty();
        }
        if (!(authenticate.confirm(session.account(), session.passwordStamp())
                instanceof AuthenticateUseCase.Outcome.Authenticated confirmed)) {
            sessions.end(id);
            return Optional.empty();
        }
        if (session.isSeenAgainAt(now)) {
            sessions.recordSeen(id, now);
        }
        return Optional.of(new Resumed(confirmed.caller(), session.signedInAt()));
    }

    @Override
    public void end(String secret) {
        sessions.end(SecretHash.of(secret));
    }
}
