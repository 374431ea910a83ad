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
 * The application on a random port with the slow-client limits on what waits for a client
 * within reach (20 messages pending, a 64 KB send buffer): the send-time limit (10 s) is
 * far off, and the chat's rate limit is out of the way. One annotation, so the lab's
 * send-buffer test and the chat's slow-member test share one context; the log is
 * captured, since it alone tells why the server closed a client.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "wsecho.slow-clients.max-pending=20", "wsecho.slow-clients.send-buffer-size=64KB",
				"wsecho.chat.rate-limit=100000", "wsecho.chat.rate-burst=100000" })
@ExtendWith(OutputCaptureExtension.class)
public @interface SendBufferLimitTest {

	/**
	 * How soon a test may expect the limit to close a client: under the send-time limit,
	 * which would close it for its time instead.
	 */
	Duration CLOSE_WITHIN = Duration.ofSeconds(8);

}
