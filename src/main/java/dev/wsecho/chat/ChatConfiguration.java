package dev.wsecho.chat;

import java.time.Clock;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
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
	 * The room in this process; nothing else is needed, and nothing tries to reach Redis.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "wsecho.chat.broker", havingValue = "memory", matchIfMissing = true)
	static class InMemoryChatConfiguration {

		@Bean
		ChatRoom chatRoom(DeliveryThreads threads, ChatProperties properties, SlowClientProperties slowClients) {
			if (properties.broker() == ChatProperties.Broker.REDIS) {
				// Only possible when the bean definitions were fixed at build time
				// (Spring AOT), with the default broker: refuse rather than run a room
				// nobody else shares.
				throw new IllegalStateException("wsecho.chat.broker=redis needs the regular start: this one uses"
						+ " the bean definitions prepared at build time (-Dspring.aot.enabled=true), which keep"
						+ " the chat in memory");
			}
			return new InMemoryChatRoom(threads.executor(), Clock.systemUTC(), properties.historySize(),
					slowClients.maxPending());
		}

	}

}
