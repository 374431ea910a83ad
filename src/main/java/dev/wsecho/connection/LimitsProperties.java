package dev.wsecho.connection;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits every WebSocket endpoint shares, bound from {@code wsecho.limits.*}.
 *
 * @param maxConnections open WebSocket connections, all endpoints together; more are
 * refused at the handshake with HTTP 503
 * @param idleTimeout how long a connection may go without a data message either way
 * before it is closed with 1001; zero turns it off
 * @param pingInterval how often the server pings each connection; one that has not
 * answered by the next ping is closed with 1001; zero turns pings off
 * @param messageRate whole messages per second one connection may send (bursts of up to
 * one second's worth); more closes it with 1008; zero turns the limit off
 * @param acceptBacklog connections the kernel may hold for the server before it accepts
 * them (the listen backlog, capped by {@code net.core.somaxconn}); a client arriving when
 * it is full waits for its SYN to be retried, a second or more
 * @param handshakeTimeout how long a connection may take, from its accept, to send a
 * whole request head (the upgrade request of a WebSocket); a connection that has not is
 * closed without an answer, however slowly it keeps sending; zero turns it off
 * @param maxConnectionsPerAddress connections, handshakes under way included, from one
 * client address (as the server sees it); more are refused at the handshake with HTTP
 * 429; zero turns the cap off
 */
@ConfigurationProperties("wsecho.limits")
record LimitsProperties(@DefaultValue("10000") int maxConnections, @DefaultValue("10m") Duration idleTimeout,
		@DefaultValue("30s") Duration pingInterval, @DefaultValue("0") int messageRate,
		@DefaultValue("1024") int acceptBacklog, @DefaultValue("10s") Duration handshakeTimeout,
		@DefaultValue("0") int maxConnectionsPerAddress) {
}
