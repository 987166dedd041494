-- Every gateway replica remembers the API tokens it has verified (VerifiedTokenCache). A change
-- that can take a token's power away (revoked, expiry moved by a rotation, role or scopes edited,
-- row deleted) is broadcast at commit on a per-schema channel, and every replica forgets what it
-- remembered. Recording a use (last_used_at) is not such a change and stays silent.
create function api_token_notify() returns trigger language plpgsql as $$
begin
    perform pg_notify('mm_api_token_' || tg_table_schema, '');
    return null;
end
$$;

create trigger api_token_notify
    after update of revoked_at, expires_at, role, scopes, owner_subject, hash or delete on api_token
    for each statement execute function api_token_notify();
