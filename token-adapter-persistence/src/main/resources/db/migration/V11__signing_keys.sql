-- The asymmetric keys that sign JWT access tokens (ES256, RS256), shared by every node. A key signs from
-- activates_at until the next key's activation; the private key is stored only wrapped by the master key.

create table signing_key (
    kid          varchar(64)              primary key,
    algorithm    varchar(8)               not null,
    -- the PKCS#8 private key, wrapped by the master key (v1:<master key id>:<base64>)
    private_key  varchar(4096)            not null,
    -- the X.509 public key, base64
    public_key   varchar(2048)            not null,
    created_at   timestamp with time zone not null,
    activates_at timestamp with time zone not null
);
