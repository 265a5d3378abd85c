package dev.latchkey.application.service;

import dev.latchkey.application.port.in.AuthenticateUseCase;
import dev.latchkey.application.port.in.IssuePartnerTokenUseCase;
import dev.latchkey.application.port.in.IssueTokenUseCase;
import dev.latchkey.application.port.out.LoadAccountPort;
import dev.latchkey.application.port.out.LoadPartnerPort;
import dev.latchkey.domain.Account;
import dev.latchkey.domain.LifetimeRequest;
import dev.latchkey.domain.Partner;
import dev.latchkey.domain.Scopes;
import dev.latchkey.domain.TokenDescription;
import java.util.Optional;

final class IssuePartnerTokenService implements IssuePartnerTokenUseCase {

    private static final TokenDescription DESCRIPTION = TokenDescription.of("Partner token");

    private final AuthenticateUseCase authenticate;
    private final IssueTokenUseCase issueToken;
    private final LoadAccountPort accounts;
    private final LoadPartnerPort partners;

    IssuePartnerTokenService(AuthenticateUseCase authenticate, IssueTokenUseCase issueToken, LoadAccountPort accounts,
                             LoadPartnerPort partners) {
        this.authenticate = authenticate;
        this.issueToken = issueToken;
        this.accounts = accounts;
        this.partners = partners;
    }

    @Override
    public Outcome issue(IssuePartnerTokenCommand command) {
        AuthenticateUseCase.Outcome authentication = authenticate.authenticate(
                new AuthenticateUseCase.PasswordCredentials(command.login(), command.password(), command.address()));
        if (!(authentication instanceof AuthenticateUseCase.Outcome.Authenticated authenticated)) {
            return new Outcome.Refused(Reason.BAD_CREDENTIALS);
        }
        Account account = accounts.loadById(authenticated.caller().accountId()).orElseThrow();
        if (!account.partner().equals(Optional.of(command.partner()))) {
            return new Outcome.Refused(Reason.NOT_A_MEMBER);
        }
        Optional<Partner> partner = partners.loadById(command.partner());
        if (partner.isEmpty()) {
            return new Outcome.Refused(Reason.UNKNOWN_PARTNER);
        }
        if (!partner.get().agreementsSigned()) {
            return new Outcome.Refused(Reason.AGREEMENTS_NOT_SIGNED);
        }
        // The platform's lifetime is fixed and nobody asks for it, so it is fitted to the policy.
        IssueTokenUseCase.Outcome issued = issueToken.issue(new IssueTokenUseCase.IssueTokenCommand(
                authenticated.caller(), DESCRIPTION, Scopes.of(Scopes.partner(command.partner())),
                LifetimeRequest.fitted(command.lifetime()), IssueTokenUseCase.CredentialFormat.OPAQUE, false));
        if (issued instanceof IssueTokenUseCase.Outcome.Issued token) {
            return new Outcome.Issued(token.token(), token.credential());
        }
        return new Outcome.Refused(Reason.POLICY_VIOLATED);
    }
}
