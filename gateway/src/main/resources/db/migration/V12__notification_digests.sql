-- Email digests (issue 12): a channel with a digest interval (ISO-8601, e.g. PT15M) sends one mail
-- per interval listing its events instead of one mail per event. Null: one message per event.
alter table notification_channel add column digest text;

-- The digest that claimed (while pending: leased) or delivered a delivery. A replica claims a
-- channel's queued deliveries by setting it with a conditional update, so two replicas never put
-- the same event in two digests; a claim whose replica died runs out at next_attempt_at.
alter table notification_delivery add column digest_id text;
create index notification_delivery_digest on notification_delivery (digest_id);
