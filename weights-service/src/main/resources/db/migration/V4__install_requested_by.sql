-- Who asked for the install: the subject of the gateway's internal token (null for older jobs).
alter table install_job add column requested_by varchar(200);
