package dev.latchkey.application.service;

import dev.latchkey.application.port.in.AuthenticateUseCase;
import dev.latchkey.application.port.in.IssueTokenUseCase;
import dev.latchkey.application.port.in.IssueTokenWithPasswordUseCase;
import dev.latchkey.domain.LifetimeRequest;
import dev.latchkey.domain.Scopes;

final class IssueTokenWithPasswordService implements IssueTokenWithPasswordUseCase {

    private final AuthenticateUseCase authenticate;
    private final IssueTokenUseCase issueToken;

    IssueTokenWithPasswordService(AuthenticateUseCase authenticate, IssueTokenUseCase issueToken) {
        this.authenticate = authenticate;
        this.issueToken = issueToken;
    }

    @Override
    public Outcome issue(PasswordIssueCommand command) {
        AuthenticateUseCase.Outcome authentication = authenticate.authenticate(new AuthenticateUseCase
                .PasswordCredentials(command.username(), command.password(), command.address()));
        if (!(authentication instanceof AuthenticateUseCase.Outcome.Authenticated authenticated)) {
            return new Outcome.BadCredentials();
        }
        IssueTokenUseCase.Outcome issued = issueToken.issue(new IssueTokenUseCase.IssueTokenCommand(
                authenticated.caller(), command.description(), Scopes.none(), LifetimeRequest.fitted(command.lifetime()),
                IssueTokenUseCase.CredentialFormat.OPAQUE, command.supersedesSameDescription()));
        if (issued instanceof IssueTokenUseCase.Outcome.Issued token) {
            return new Outcome.Issued(authenticated.caller(), token.token(), token.credential());
        }
        return new Outcome.IssueRefused(issued);
    }
}
