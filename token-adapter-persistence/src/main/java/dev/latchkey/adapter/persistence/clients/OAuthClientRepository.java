package dev.latchkey.adapter.persistence.clients;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface OAuthClientRepository extends GenericRepository<OAuthClientRow, String> {

    OAuthClientRow save(OAuthClientRow row);

    Optional<OAuthClientRow> findById(String id);

    @Query("SELECT * FROM oauth_client ORDER BY created_at, id")
    List<OAuthClientRow> findAllInOrder();

    @Query("UPDATE oauth_client SET enabled = :enabled WHERE id = :id")
    long updateEnabled(String id, boolean enabled);

    @Query("UPDATE oauth_client SET redirect_uris = :redirectUris, pushed_requests_required = "
            + ":pushedRequestsRequired, consent_skipped = :consentSkipped WHERE id = :id")
    long updateSignIn(String id, @Nullable String redirectUris, boolean pushedRequestsRequired,
                      boolean consentSkipped);

    @Query("UPDATE oauth_client SET jwks = :jwks, jwks_uri = :jwksUri, dpop_bound_access_tokens = "
            + ":dpopBoundAccessTokens WHERE id = :id")
    long updateKeys(String id, @Nullable String jwks, @Nullable String jwksUri, boolean dpopBoundAccessTokens);

    @Query("SELECT * FROM oauth_client WHERE id = :id FOR UPDATE")
    Optional<OAuthClientRow> findByIdForUpdate(String id);

    @Query("UPDATE oauth_client SET secret_hash = :secretHash, retiring_secret_hash = :retiringSecretHash, "
            + "retiring_secret_until = :retiringSecretUntil WHERE id = :id")
    long updateSecrets(String id, String secretHash, @Nullable String retiringSecretHash,
                       @Nullable Instant retiringSecretUntil);
}
