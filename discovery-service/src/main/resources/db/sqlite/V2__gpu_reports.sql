create table gpu_report (
    node        text primary key,
    gpus        text not null,
    labels      text not null,
    reported_at text not null
);
