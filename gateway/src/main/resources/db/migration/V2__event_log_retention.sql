-- The retention cleanup deletes by age.
create index event_log_received_at on event_log (received_at);
