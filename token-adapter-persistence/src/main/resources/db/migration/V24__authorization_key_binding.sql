-- dpop_jkt (RFC 9449 section 10, issue 26): an authorization request, a pushed one, or a device's request may name
-- the key its tokens are to be bound to; its code, or its device code, is then redeemed only with a DPoP proof by
-- that key. The RFC 7638 thumbprint, base64url; null where none was named, as for every request before this.
alter table authorization_code add column jkt varchar(43);
alter table pushed_authorization_request add column jkt varchar(43);
alter table device_authorization add column jkt varchar(43);
