package dev.wsecho.echo;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the echo endpoint, bound from {@code wsecho.echo.*}.
 *
 * @param maxMessageSize the largest message, in bytes once UTF-8 encoded, that is echoed;
 * a longer one closes the connection with 1009
 * @param subprotocols the subprotocols a client may negotiate; empty accepts whichever
 * the client offers first
 */
@ConfigurationProperties("wsecho.echo")
public record EchoProperties(@DefaultValue("16MB") DataSize maxMessageSize, @DefaultValue List<String> subprotocols) {

	/** Where the echo endpoint is served. */
	public static final String PATH = "/ws/echo";

}
