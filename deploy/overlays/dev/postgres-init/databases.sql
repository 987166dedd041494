-- A database per service, created by the Postgres image at its first start (dev overlay and
-- docker-compose.yml). Each service's Flyway then creates its schema inside.
CREATE DATABASE discovery;
CREATE DATABASE weights;
CREATE DATABASE catalog;
CREATE DATABASE deploy;
CREATE DATABASE gateway;
