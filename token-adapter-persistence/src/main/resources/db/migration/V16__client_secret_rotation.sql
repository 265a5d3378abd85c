-- A client's secret can be rotated (issue 22): the secret it replaces may stay accepted for a while, so that the
-- client's deployments move to the new one one by one. Only the hash is kept, as for the current secret, with the
-- moment it stops being accepted. The two columns are set and cleared together.

alter table oauth_client add column retiring_secret_hash char(64);
alter table oauth_client add column retiring_secret_until timestamp with time zone;
alter table oauth_client add constraint oauth_client_retiring_secret_ck
    check ((retiring_secret_hash is null) = (retiring_secret_until is null));
