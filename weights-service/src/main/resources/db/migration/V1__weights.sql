-- Install jobs: claimed with FOR UPDATE SKIP LOCKED, owned under a lease renewed by a heartbeat.
create table install_job (
    id               uuid primary key,
    repo             text        not null,
    revision         text        not null,
    commit_sha       text,
    location         text        not null,
    include_patterns text        not null default '',
    exclude_patterns text        not null default '',
    overwrite        boolean     not null default false,
    pin              boolean     not null default false,
    state            text        not null,
    error            text,
    bytes_total      bigint      not null default 0,
    bytes_done       bigint      not null default 0,
    plan             text,
    cancel_requested boolean     not null default false,
    owner            text,
    lease_until      timestamptz,
    attempts         integer     not null default 0,
    created_at       timestamptz not null,
    updated_at       timestamptz not null,
    started_at       timestamptz,
    finished_at      timestamptz
);
create index install_job_claimable on install_job (created_at) where state not in ('SUCCEEDED', 'FAILED', 'CANCELLED');

-- Ranged parts written and synced to blobs/{hash}.incomplete: what a restart does not fetch again.
create table blob_part (
    id         text primary key,
    location   text    not null,
    blob       text    not null,
    part_index integer not null
);
create index blob_part_blob on blob_part (location, blob);

-- Installed snapshots (HF cache snapshots/{commit}) per location.
create table snapshot (
    id               uuid primary key,
    repo             text        not null,
    revision         text        not null,
    commit_sha       text        not null,
    location         text        not null,
    size_bytes       bigint      not null,
    files            integer     not null,
    status           text        not null,
    verified         boolean     not null,
    pinned           boolean     not null default false,
    installed_at     timestamptz not null,
    last_accessed_at timestamptz not null,
    blobs            text        not null,
    unique (location, repo, commit_sha)
);
