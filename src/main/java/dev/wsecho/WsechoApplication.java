package dev.wsecho;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;

import dev.wsecho.startup.AotTraining;

/**
 * Starts wsecho: the WebSocket echo endpoint and the browser playground, in one process.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WsechoApplication {

	public static void main(String[] args) {
		ConfigurableApplicationContext context = SpringApplication.run(WsechoApplication.class, args);
		if (AotTraining.requested()) {
			AotTraining.trainAndExit(context);
		}
	}

}
