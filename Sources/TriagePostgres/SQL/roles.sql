-- Triage on PostgreSQL: the cluster-wide roles (design note postgres.md §3.3). Run by a superuser, once per cluster
-- and again at will: every role is created only when missing, then its attributes are enforced by ALTER ROLE, so a
-- re-run repairs a role someone changed by hand. This file creates no database (the Swift migrate does that) and no
-- schema object (v1.sql does).
--
--   triage_owner      owns schema "triage" and every object in it; runs migrations; never logs in. Its SECURITY
--                     DEFINER functions are the only code that runs as it (tables are FORCE ROW LEVEL SECURITY, so
--                     even it sees only what a policy TO triage_owner lets it).
--   triage_app        the login role of every Triage process (API servers, consoles, automation runners). NOINHERIT
--                     and no table privileges of its own: each transaction chooses a principal with
--                     set_config('role', 'triage_requester' | 'triage_staff' | 'triage_worker', true) plus the
--                     app.* settings; forgetting to is "permission denied".
--   triage_requester  Principal.user and Principal.service (one user's tickets).
--   triage_staff      Principal.agent and Principal.admin (every ticket; admin-only rows by app.principal_role).
--   triage_worker     the automation runner and server-internal bookkeeping (outbox delivery, SLA timers and facts,
--                     digests, runner health, Discord interaction claims).
--
-- None of them is SUPERUSER, BYPASSRLS, CREATEDB, CREATEROLE or REPLICATION. Passwords are not set here.

DO $roles$
DECLARE
    name text;
BEGIN
    FOREACH name IN ARRAY ARRAY['triage_owner', 'triage_app', 'triage_requester', 'triage_staff', 'triage_worker'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = name) THEN
            EXECUTE format('CREATE ROLE %I NOLOGIN', name);
        END IF;
    END LOOP;
END
$roles$;

ALTER ROLE triage_owner     NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION INHERIT;
ALTER ROLE triage_app       LOGIN   NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION NOINHERIT;
ALTER ROLE triage_requester NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION INHERIT;
ALTER ROLE triage_staff     NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION INHERIT;
ALTER ROLE triage_worker    NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION INHERIT;

-- GRANT triage_requester, triage_staff, triage_worker TO triage_app (when missing). The login role may become any of
-- the three principals and nothing else: not the owner (which would let a server rewrite policies); and no principal
-- or the owner is a member of another triage role.
DO $memberships$
DECLARE
    m record;
    principal text;
BEGIN
    FOREACH principal IN ARRAY ARRAY['triage_requester', 'triage_staff', 'triage_worker'] LOOP
        IF NOT pg_has_role('triage_app', principal, 'MEMBER') THEN
            EXECUTE format('GRANT %I TO triage_app', principal);
        END IF;
    END LOOP;
    FOR m IN
        SELECT r.rolname AS granted, u.rolname AS member
        FROM pg_catalog.pg_auth_members am
        JOIN pg_catalog.pg_roles r ON r.oid = am.roleid
        JOIN pg_catalog.pg_roles u ON u.oid = am.member
        WHERE (u.rolname = 'triage_app' AND r.rolname NOT IN ('triage_requester', 'triage_staff', 'triage_worker'))
           OR (u.rolname IN ('triage_requester', 'triage_staff', 'triage_worker', 'triage_owner')
               AND r.rolname LIKE 'triage\_%')
    LOOP
        EXECUTE format('REVOKE %I FROM %I', m.granted, m.member);
    END LOOP;
END
$memberships$;
