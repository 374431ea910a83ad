package dev.wsecho.lab;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

import dev.wsecho.echo.FirstOfferedSubprotocolHandshakeHandler;
import dev.wsecho.endpoint.WebSocketEndpoints;
import dev.wsecho.slowclient.SlowClients;

/**
 * Registers the lab handler at {@link LabProperties#PATH} behind the shared endpoint
 * policies, with the threads its timers and bursts run on.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocket
class LabConfiguration implements WebSocketConfigurer, DisposableBean {

	/**
	 * Told apart in the {@code welcome}, so a client behind a load balancer sees which
	 * instance answered.
	 */
	private static final String INSTANCE_ID = UUID.randomUUID().toString().substring(0, 8);

	private final ThreadPoolTaskScheduler timers;

	private final ThreadPoolTaskExecutor bursts;

	private final LabWebSocketHandler handler;

	private final WebSocketEndpoints endpoints;

	LabConfiguration(LabProperties properties, JsonMapper json, WebSocketEndpoints endpoints, SlowClients slowClients) {
		this.timers = new ThreadPoolTaskScheduler();
		this.timers.setPoolSize(2);
		this.timers.setThreadNamePrefix("lab-timer-");
		this.timers.setRemoveOnCancelPolicy(true);
		this.bursts = new ThreadPoolTaskExecutor();
		// A burst to a slow client holds its thread until the client reads or the send
		// times out, so bursts get threads of their own rather than stalling the timers.
		this.bursts.setCorePoolSize(4);
		this.bursts.setMaxPoolSize(4);
		this.bursts.setQueueCapacity(16);
		this.bursts.setThreadNamePrefix("lab-burst-");
		this.timers.initialize();
		this.bursts.initialize();
		this.handler = new LabWebSocketHandler(json,
				new LabWork(properties, this.timers, this.bursts, Clock.systemUTC()), INSTANCE_ID, slowClients);
		this.endpoints = endpoints;
	}

	/**
	 * Stops the timers and bursts with the application; they are not beans, so that
	 * Boot's own executors stay.
	 */
	@Override
	public void destroy() {
		this.timers.shutdown();
		this.bursts.shutdown();
	}

	@Override
	public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
		// Whatever subprotocol the client under test offers first is accepted, so
		// browsers, which fail a connection when none is selected, can test theirs.
		this.endpoints.register(registry, "lab", LabProperties.PATH, this.handler,
				new FirstOfferedSubprotocolHandshakeHandler(List.of()));
	}

}
