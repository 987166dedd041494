-- Parts are byte ranges [range_start, range_end) of a blob's .incomplete, not indexes of one part
-- size: a restart under another part size resumes every planned part the ranges cover. Rows by
-- index cannot be read without the part size that wrote them; they are dropped (those blobs are
-- fetched again over their .incomplete file).
drop table blob_part;
create table blob_range (
    id          text primary key,
    location    text   not null,
    blob        text   not null,
    range_start integer not null,
    range_end   integer not null
);
create index blob_range_blob on blob_range (location, blob);

-- Bytes an admitted install is still to write on a location, shared by every replica: admission
-- sums the reservations of the other open jobs under a per-location lock.
create table disk_reservation (
    job_id   text primary key,
    location text    not null,
    bytes    integer not null
);
create index disk_reservation_location on disk_reservation (location);
