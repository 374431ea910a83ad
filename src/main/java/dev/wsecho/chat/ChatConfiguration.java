package dev.wsecho.chat;

import java.time.Clock;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.application.ReadinessStateHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

import dev.wsecho.connection.MessageRate;
import dev.wsecho.endpoint.WebSocketEndpoints;
import dev.wsecho.slowclient.SlowClientProperties;
import dev.wsecho.slowclient.SlowClients;

/**
 * Registers the chat handler at {@link ChatProperties#PATH} with its subprotocols, behind
 * the shared endpoint policies, in front of the {@link ChatRoom} that
 * {@code wsecho.chat.broker} selects: in memory by default, or shared through Redis
 * ({@code dev.wsecho.chat.redis}).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class ChatConfiguration implements WebSocketConfigurer {

	private final WebSocketEndpoints endpoints;

	private final ChatWebSocketHandler handler;

	private final MessageRate rate;

	ChatConfiguration(ChatProperties properties, JsonMapper json, ChatRoom room, WebSocketEndpoints endpoints,
			SlowClients slowClients) {
		this.endpoints = endpoints;
		this.handler = new ChatWebSocketHandler(room, json, properties, slowClients);
		this.rate = new MessageRate(properties.rateLimit(), properties.rateBurst());
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		this.endpoints.register(registry, "chat", ChatProperties.PATH, this.handler, new PreferV2HandshakeHandler(),
				this.rate);
	}

	/**
	 * {@code /actuator/health/readiness} is {@code OUT_OF_SERVICE} until the room has
	 * reached its broker for the first time, so that a load balancer sends no member to
	 * an instance that would refuse it. When the broker goes away later, the instance
	 * stays ready: every instance shares the one Redis, so taking them all out would cut
	 * off the echo and the lab as well, while the chat tells its own clients (1013,
	 * {@code unavailable}) and {@code redis} shows DOWN in {@code /actuator/health}.
	 */
	@Bean
	ReadinessStateHealthIndicator readinessStateHealthIndicator(ApplicationAvailability availability, ChatRoom room) {
		return new ReadinessStateHealthIndicator(availability) {

			@Override
			protected AvailabilityState getState(ApplicationAvailability applicationAvailability) {
				return room.hasBeenAvailable() ? super.getState(applicationAvailability)
						: ReadinessState.REFUSING_TRAFFIC;
			}

		};
	}

	/**
	 * The room in this process; nothing else is needed, and nothing tries to reach Redis.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnChatBroker(ChatProperties.Broker.MEMORY)
	static class InMemoryChatConfiguration {

		@Bean
		ChatRoom inMemoryChatRoom(DeliveryThreads threads, ChatProperties properties,
				SlowClientProperties slowClients) {
			return new InMemoryChatRoom(threads.executor(), Clock.systemUTC(), properties.historySize(),
					slowClients.maxPending());
		}

	}

}
