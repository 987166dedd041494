-- Fencing: each claim increments lease_epoch; every write of the runner is conditional on
-- (owner, lease_epoch). crashes counts claims of a job whose previous owner's lease expired.
alter table install_job add column lease_epoch bigint not null default 0;
alter table install_job add column crashes integer not null default 0;

-- One open job per blob set: main and its sha are the same job.
create unique index install_job_open_commit on install_job (location, repo, commit_sha)
    where state not in ('SUCCEEDED', 'FAILED', 'CANCELLED');

-- Keyset paging of job lists, newest first.
create index install_job_newest on install_job (created_at desc, id desc);

-- Blobs an open job counts as present or is writing: purge and delete leave them alone.
create table blob_hold (
    job_id   text not null,
    location text not null,
    repo     text not null,
    blob     text not null,
    primary key (job_id, location, repo, blob)
);
create index blob_hold_blob on blob_hold (location, repo, blob);

-- Which deployments serve which snapshot, from deploy-service's weights usage events.
create table deployment_usage (
    deployment text        not null,
    location   text        not null,
    repo       text        not null,
    commit_sha text        not null,
    updated_at text not null,
    primary key (deployment)
);
create index deployment_usage_snapshot on deployment_usage (location, repo, commit_sha);
