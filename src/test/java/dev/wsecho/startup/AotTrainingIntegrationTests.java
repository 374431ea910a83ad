package dev.wsecho.startup;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIOException;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class AotTrainingIntegrationTests {

	@LocalServerPort
	int port;

	@Test
	void getsThePageTheHealthAndEchoesOfBothKindsFromTheServer() {
		assertThatCode(() -> AotTraining.exercise(this.port)).doesNotThrowAnyException();
	}

	@Test
	void failsWhereNoServerAnswers() throws IOException {
		int closed;
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			closed = socket.getLocalPort();
		}
		int port = closed;
		assertThatIOException().isThrownBy(() -> AotTraining.exercise(port));
	}

}
