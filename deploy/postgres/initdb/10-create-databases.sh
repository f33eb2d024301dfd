#!/usr/bin/env bash
# First-start initialisation of the shared PostgreSQL (the official image runs files in
# /docker-entrypoint-initdb.d once, and only when the data volume is empty).
#
# One server, separate owners, so the engine cannot touch Temporal's data and vice versa:
#   complaints           owned by role `complaints`  (the API and worker; they migrate it)
#   temporal             owned by role `temporal`    (Temporal persistence; auto-setup
#   temporal_visibility  owned by role `temporal`     creates the schema inside them)
# Passwords come from the container environment (see docker-compose.yml / deploy/.env.example).
# Changing them later means ALTER ROLE ... PASSWORD: this script will not run again.
set -euo pipefail

: "${COMPLAINTS_DB_PASSWORD:?COMPLAINTS_DB_PASSWORD must be set}"
: "${TEMPORAL_DB_PASSWORD:?TEMPORAL_DB_PASSWORD must be set}"

# psql substitutes :'name' as a quoted literal, so passwords are never spliced into SQL text.
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  --set=complaints_password="$COMPLAINTS_DB_PASSWORD" \
  --set=temporal_password="$TEMPORAL_DB_PASSWORD" <<'SQL'
CREATE ROLE complaints LOGIN PASSWORD :'complaints_password';
CREATE DATABASE complaints OWNER complaints;
REVOKE ALL ON DATABASE complaints FROM PUBLIC;
-- The engine's least-privilege role (no login): its migration grants it SELECT/INSERT only
-- on events and the audit tables. The owner `complaints` may not create roles, so it is
-- made here. A LOGIN role in it runs the app once migrations are done (README, "Audit").
CREATE ROLE complaints_app NOLOGIN;
GRANT CONNECT ON DATABASE complaints TO complaints_app;

CREATE ROLE temporal LOGIN PASSWORD :'temporal_password';
CREATE DATABASE temporal OWNER temporal;
CREATE DATABASE temporal_visibility OWNER temporal;
REVOKE ALL ON DATABASE temporal FROM PUBLIC;
REVOKE ALL ON DATABASE temporal_visibility FROM PUBLIC;

-- Temporal's SQL visibility schema needs btree_gin; installing it here, as superuser,
-- means the schema setup (running as `temporal`) finds it and skips its CREATE EXTENSION.
\connect temporal_visibility
CREATE EXTENSION IF NOT EXISTS btree_gin;
SQL
