-- Rotations made with an Idempotency-Key: a retry finds the replacement and re-derives its secret from the salt.
create table rotation (
    account_id           uuid                     not null references account (id),
    idempotency_key      varchar(255)             not null,
    rotated_token_id     uuid                     not null references token (id),
    replacement_token_id uuid                     not null references token (id),
    -- 32 random bytes as hex; with the service's derivation key they give the replacement's secret, which is not stored
    salt                 char(64)                 not null,
    created_at           timestamp with time zone not null,
    primary key (account_id, idempotency_key)
);
