package dev.wsecho.testsupport;

import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;

/**
 * For test classes that share one server and count its connections: each test waits until
 * the connections of the tests before it have closed, so that the counts and the
 * connection limit it checks are its own. The class imports {@link ServerConnections}.
 */
public interface StartsWithNoConnections {

	@BeforeEach
	default void waitForEarlierConnectionsToClose(@Autowired ServerConnections connections) {
		connections.awaitNone();
	}

}
