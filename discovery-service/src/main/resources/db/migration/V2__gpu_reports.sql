-- The latest GPU report of each node, as posted by the node agent (latest wins).
-- gpus and labels are JSON written by the service; nothing queries inside them.
create table gpu_report (
    node        text primary key,
    gpus        text        not null,
    labels      text        not null,
    reported_at timestamptz not null
);
