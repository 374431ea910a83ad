package dev.wsecho.chat;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import dev.wsecho.slowclient.SlowClientProperties;

import static org.assertj.core.api.Assertions.assertThat;

class ChatConfigurationTests {

	private final ChatConfiguration.InMemoryChatConfiguration inMemory = new ChatConfiguration.InMemoryChatConfiguration();

	private final DeliveryThreads threads = new DeliveryThreads();

	@AfterEach
	void stopThreads() {
		this.threads.destroy();
	}

	@Test
	void makesTheRoomInMemoryForTheMemoryBroker() {
		assertThat(this.inMemory.inMemoryChatRoom(this.threads, properties(ChatProperties.Broker.MEMORY),
				SlowClientProperties.defaults()))
			.isInstanceOf(InMemoryChatRoom.class);
	}

	private static ChatProperties properties(ChatProperties.Broker broker) {
		return new ChatProperties(1000, 50, DataSize.ofKilobytes(4), 20, 40, broker, Duration.ofSeconds(1),
				Duration.ofSeconds(10), "wsecho:chat:");
	}

}
