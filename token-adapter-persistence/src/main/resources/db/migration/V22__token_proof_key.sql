-- The key a sender-constrained token is bound to (RFC 9449 cnf.jkt, issue 26): the RFC 7638 SHA-256 thumbprint of its
-- public key, base64url. Null for a bearer token, as every token issued before this migration is.
alter table token add column jkt varchar(43);
