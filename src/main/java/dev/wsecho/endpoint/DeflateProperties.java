package dev.wsecho.endpoint;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.wsecho.transport.DeflateSettings;

/**
 * How {@code permessage-deflate} compresses when {@code wsecho.compression} is on, bound
 * from {@code wsecho.deflate.*}: what it costs in memory, CPU and ratio is measured in
 * docs/explanation/transport.md.
 *
 * @param windowBits the largest window the server compresses with, 9 (512 B) to 15 (32
 * KiB); a client that offers a smaller {@code server_max_window_bits} gets that. Below 15
 * compression runs on JZlib (pure Java, slower) with memory sized by the window
 * @param level the deflate level, 1 (fastest) to 9 (smallest)
 * @param contextTakeover keep each connection's compression history from one message to
 * the next: a better ratio on small similar messages, for about 300 KB held per
 * connection (a compressor and an inflater). Off, the server answers
 * {@code server_no_context_takeover} and {@code client_no_context_takeover} and an idle
 * connection holds no compression state
 * @param maxCompressors compressors in use at once across all connections; a message sent
 * while all are busy goes uncompressed. Also how many idle compressors and inflaters are
 * kept for reuse
 */
@ConfigurationProperties("wsecho.deflate")
record DeflateProperties(@DefaultValue("15") int windowBits, @DefaultValue("6") int level,
		@DefaultValue("false") boolean contextTakeover, @DefaultValue("16") int maxCompressors) {

	DeflateSettings settings() {
		return new DeflateSettings(this.windowBits, this.level, this.contextTakeover, this.maxCompressors);
	}

}
