package dev.latchkey.application.service;

import dev.latchkey.application.port.in.AuthenticateUseCase;
import dev.latchkey.application.port.in.SingleUseProofsUseCase;
import dev.latchkey.application.port.out.ProofReplayPort;
import dev.latchkey.domain.ProofUse;

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
}
