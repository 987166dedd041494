-- Per-user UI preferences (issue 14), keyed by the caller's subject: the OIDC sub or an API token's
-- owner, so every token of one person shares them. favorites is a JSON array of HF repo ids.
create table user_preferences (
    subject           text        primary key,
    favorites         text        not null,
    default_gpu_pool  text,
    default_location  text,
    theme             text        not null,
    updated_at        timestamptz not null
);
