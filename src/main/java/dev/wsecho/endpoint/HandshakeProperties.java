package dev.wsecho.endpoint;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The handshake policy every WebSocket endpoint shares, bound from {@code wsecho.*}.
 *
 * @param allowedOrigins origin patterns such as {@code https://app.example.com} or
 * {@code https://*.example.com}; {@code *} allows any. Requests without an {@code Origin}
 * header (non-browser clients) are always allowed.
 * @param compression whether {@code permessage-deflate} (RFC 7692) is negotiated with
 * clients that offer it, on every endpoint; formerly {@code wsecho.echo.compression},
 * which still works (deprecated) through spring-boot-properties-migrator
 */
@ConfigurationProperties("wsecho")
record HandshakeProperties(@DefaultValue("*") List<String> allowedOrigins, @DefaultValue("true") boolean compression) {
}
