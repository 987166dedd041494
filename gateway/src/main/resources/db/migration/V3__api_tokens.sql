-- API tokens: only the SHA-256 of the plaintext is kept. A rotated token keeps its row until its
-- grace period ends (expires_at); a revoked one keeps it for the record (revoked_at).
create table api_token (
    id            text        primary key,
    name          text        not null,
    prefix        text        not null,
    hash          text        not null unique,
    owner_subject text        not null,
    owner_name    text,
    role          text        not null,
    scopes        text        not null,
    created_by    text        not null,
    created_at    timestamptz not null,
    expires_at    timestamptz,
    last_used_at  timestamptz,
    revoked_at    timestamptz
);

create index api_token_owner on api_token (owner_subject, created_at desc);
