-- Every revision of every deployment, never deleted; only state and state_reason move on, and each
-- move is appended to revision_state.
create table revision (
    id               text primary key,
    deployment       text        not null,
    number           integer     not null,
    action           text        not null,
    entry_id         text,
    catalog_commit   text,
    model_repo       text,
    model_commit     text,
    weights_location text,
    strategy         text,
    deactivate_mode  text,
    rollback_of      integer,
    auto_rollback    boolean     not null,
    manifest         text        not null,
    diff_patch       text        not null,
    diff_yaml        text        not null,
    actor            text        not null,
    reason           text,
    state            text        not null,
    state_reason     text,
    created_at       timestamptz not null,
    unique (deployment, number)
);

create index revision_in_flight on revision (state) where state in ('PENDING', 'APPLIED', 'PROGRESSING');

create table revision_state (
    id          uuid primary key,
    revision_id text        not null references revision (id),
    state       text        not null,
    reason      text,
    at          timestamptz not null
);

create index revision_state_by_revision on revision_state (revision_id, at);
