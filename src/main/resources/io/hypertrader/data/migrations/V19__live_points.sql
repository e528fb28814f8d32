-- Migration 19: the live price points a paper or live runner acted on (the pushed or polled mids
-- each strategy saw, at the runner's clock), so that `parity` can replay the recorded live stream
-- through the same kernel and simulator and list where the deployment differed from it.
CREATE TABLE live_points (
    deployment_id VARCHAR NOT NULL,
    coin          VARCHAR NOT NULL,
    time_ms       BIGINT NOT NULL,
    price         DOUBLE NOT NULL,
    bid           DOUBLE,           -- the best bid and offer the runner had with the point (paper pays their spread), or NULL
    ask           DOUBLE
);
