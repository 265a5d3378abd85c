-- Proofs of possession used so far (ADR 19, issue 26): the SHA-256 of each DPoP proof's or client assertion's kind,
-- party and jti, kept until the proof could no longer be presented. A second insert of a key, on any node, is a replay.
create table proof_replay (
    proof_key  char(64)                 primary key,
    expires_at timestamp with time zone not null
);

create index proof_replay_expiry_idx on proof_replay (expires_at);
