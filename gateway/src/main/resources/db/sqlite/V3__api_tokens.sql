create table api_token (
    id            text primary key,
    name          text not null,
    prefix        text not null,
    hash          text not null unique,
    owner_subject text not null,
    owner_name    text,
    role          text not null,
    scopes        text not null,
    created_by    text not null,
    created_at    text not null,
    expires_at    text,
    last_used_at  text,
    revoked_at    text
);

create index api_token_owner on api_token (owner_subject, created_at desc);
