-- Migration 6 (issue 10): one runner per deployment, and where a deployment traded.
--
-- deployment_leases: the exclusive right of one runner process to trade a deployment. `run` takes
-- it before anything else, renews heartbeat_ms every loop and deletes it on a clean end. Another
-- `run` takes it over only when the holder is provably gone (its pid is dead on this host, or the
-- pid now belongs to a process started at another time) or silent for longer than timeout_ms (the
-- holder's declared timeout; the taker may wait longer). token is a random value the holder
-- checks in the same unit of work as every order it journals before sending: an order is sent
-- only under the lease it was decided under. Times are UTC epoch ms of the writer's clock.
CREATE TABLE deployment_leases (
    deployment_id    VARCHAR PRIMARY KEY,
    token            VARCHAR NOT NULL,   -- random, 128 bits hex; never reused
    pid              BIGINT  NOT NULL,   -- the holder's process id
    host             VARCHAR NOT NULL,   -- the holder's kernel host name
    process_start_ms BIGINT,             -- the holder process's start time (NULL when the OS does not tell)
    acquired_ms      BIGINT  NOT NULL,
    heartbeat_ms     BIGINT  NOT NULL,
    timeout_ms       BIGINT  NOT NULL    -- silence after which another run may take over
);

-- The REST URL a deployment trades against (paper: reads market data from), set by its first
-- `run`; later runs must use the same one. Mainnet promotion counts testnet evidence only from
-- Hyperliquid's testnet URL unless the user accepts another with --accept-evidence-from.
ALTER TABLE deployments ADD COLUMN endpoint VARCHAR;
