package dev.wsecho.endpoint;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which web pages may open WebSocket connections, bound from {@code wsecho.allowed-origins}.
 *
 * @param allowedOrigins origin patterns such as {@code https://app.example.com} or
 * {@code https://*.example.com}; {@code *} allows any. Requests without an {@code Origin}
 * header (non-browser clients) are always allowed.
 */
@ConfigurationProperties("wsecho")
record OriginProperties(@DefaultValue("*") List<String> allowedOrigins) {
}
