package dev.wsecho.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;

import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The application on a random port with the slow-client send-time limit (500 ms) alone
 * within reach: so many messages may wait that the pending limit is never reached, the
 * transport's own send timeout (20 s) is far off, and the chat's rate limit is out of the
 * way. One annotation, so the lab's and the chat's send-time tests share one context; the
 * log is captured, since it alone tells why the server closed a client.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "wsecho.slow-clients.send-time-limit=500ms", "wsecho.slow-clients.max-pending=100000",
				"wsecho.chat.rate-limit=100000", "wsecho.chat.rate-burst=100000" })
@ExtendWith(OutputCaptureExtension.class)
public @interface SendTimeLimitTest {

	/**
	 * How soon a test may expect the limit to close a client: well under the transport's
	 * send timeout (20 s), which would drop it with 1006 instead.
	 */
	Duration CLOSE_WITHIN = Duration.ofSeconds(10);

}
