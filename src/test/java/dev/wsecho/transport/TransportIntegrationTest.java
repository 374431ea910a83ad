package dev.wsecho.transport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The application on a random port, with limits small enough to reach in a test: a client
 * that reads nothing is dropped after 1 s, the lab takes messages of up to 1 KiB, and no
 * keep-alive ping gets between the frames a test reads; HTTP/2 is on (h2c with prior
 * knowledge on the same port). One annotation, so the transport's integration tests share
 * one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.http2.enabled=true", "wsecho.slow-clients.transport-send-timeout=1s",
				"wsecho.limits.ping-interval=0", "wsecho.lab.max-message-size=1KB" })
@interface TransportIntegrationTest {

	/** The lab's message limit set above. */
	int LAB_MESSAGE_LIMIT = 1024;

}
