package dev.latchkey.application.service;

import dev.latchkey.application.port.in.AuthenticateUseCase;
import dev.latchkey.application.port.in.SingleUseProofsUseCase;
import dev.latchkey.application.port.out.ProofReplayPort;
import dev.latchkey.domain.ClientId;
import dev.latchkey.domain.ProofUse;
import java.time.Instant;

final class SingleUseProofsService implements SingleUseProofsUseCase {

    private final ProofReplayPort proofs;

    SingleUseProofsService(ProofReplayPort proofs) {
        this.proofs = proofs;
    }

    @Override
    public boolean firstUse(AuthenticateUseCase.Possession proof) {
        return proofs.firstUse(new ProofUse(ProofUse.Kind.DPOP_PROOF, proof.key().value(), proof.jti(),
                proof.usableUntil()));
    }

    @Override
    public boolean firstUse(ClientId client, String jti, Instant usableUntil) {
        return proofs.firstUse(new ProofUse(ProofUse.Kind.CLIENT_ASSERTION, client.value(), jti, usableUntil));
    }
}
