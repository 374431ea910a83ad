package dev.wsecho.chat;

import java.time.Clock;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

import dev.wsecho.system.WebSocketEndpoints;

/**
 * Provides the {@link ChatRoom} (in memory) and registers the chat handler at
 * {@link ChatProperties#PATH} with its subprotocols, behind the shared endpoint policies.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class ChatConfiguration implements WebSocketConfigurer, DisposableBean {

	private final ChatProperties properties;

	private final JsonMapper json;

	private final ThreadPoolTaskExecutor delivery;

	private final InMemoryChatRoom room;

	private final WebSocketEndpoints endpoints;

	ChatConfiguration(ChatProperties properties, JsonMapper json, WebSocketEndpoints endpoints) {
		this.properties = properties;
		this.json = json;
		this.endpoints = endpoints;
		// Not a bean, so that Boot's own task executor stays the application's default. A thread
		// stuck on a member that stopped reading is freed when that member overflows and its
		// socket is closed; until then the others keep the rest of the pool.
		this.delivery = new ThreadPoolTaskExecutor();
		this.delivery.setCorePoolSize(8);
		this.delivery.setMaxPoolSize(8);
		this.delivery.setThreadNamePrefix("chat-delivery-");
		this.delivery.initialize();
		this.room = new InMemoryChatRoom(this.delivery, Clock.systemUTC(), properties.historySize(),
				properties.maxPending());
	}

	@Bean
	ChatRoom chatRoom() {
		return this.room;
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		this.endpoints.register(registry, "chat", ChatProperties.PATH,
				new ChatWebSocketHandler(this.room, this.json, this.properties), new PreferV2HandshakeHandler());
	}

	@Override
	public void destroy() {
		this.delivery.shutdown();
	}

}
