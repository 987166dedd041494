create table install_job (
    id               text primary key,
    repo             text    not null,
    revision         text    not null,
    commit_sha       text,
    location         text    not null,
    include_patterns text    not null default '',
    exclude_patterns text    not null default '',
    overwrite        integer not null default 0,
    pin              integer not null default 0,
    state            text    not null,
    error            text,
    bytes_total      integer not null default 0,
    bytes_done       integer not null default 0,
    plan             text,
    cancel_requested integer not null default 0,
    owner            text,
    lease_until      text,
    attempts         integer not null default 0,
    created_at       text    not null,
    updated_at       text    not null,
    started_at       text,
    finished_at      text
);

create table blob_part (
    id         text primary key,
    location   text    not null,
    blob       text    not null,
    part_index integer not null
);
create index blob_part_blob on blob_part (location, blob);

create table snapshot (
    id               text primary key,
    repo             text    not null,
    revision         text    not null,
    commit_sha       text    not null,
    location         text    not null,
    size_bytes       integer not null,
    files            integer not null,
    status           text    not null,
    verified         integer not null,
    pinned           integer not null default 0,
    installed_at     text    not null,
    last_accessed_at text    not null,
    blobs            text    not null,
    unique (location, repo, commit_sha)
);
