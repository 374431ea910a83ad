package dev.wsecho.testsupport;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.springframework.test.context.DynamicPropertyRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A self-signed key store for {@code localhost} and {@code 127.0.0.1}, made at test time
 * by the JDK's keytool, and the Spring Boot SSL bundle that serves it.
 */
public final class SelfSignedKeyStore {

	private static final String PASSWORD = "wsecho-test";

	private final Path file;

	private SelfSignedKeyStore(Path file) {
		this.file = file;
	}

	/** Makes a key store in a fresh temporary directory. */
	private static SelfSignedKeyStore create() throws Exception {
		Path file = Files.createTempDirectory("wsecho-tls").resolve("server.p12");
		Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
				"-genkeypair", "-alias", "wsecho", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
				"-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12", "-keystore",
				file.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
			.redirectErrorStream(true)
			.start();
		assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(keytool.exitValue()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
		return new SelfSignedKeyStore(file);
	}

	/**
	 * Makes a key store and serves the application over TLS with it, for a test's
	 * {@code @DynamicPropertySource}.
	 */
	public static SelfSignedKeyStore served(DynamicPropertyRegistry registry) throws Exception {
		SelfSignedKeyStore keyStore = create();
		keyStore.serve(registry);
		return keyStore;
	}

	/**
	 * Serves the application over TLS with this key store (the bundle {@code wsecho}).
	 */
	private void serve(DynamicPropertyRegistry registry) {
		registry.add("spring.ssl.bundle.jks.wsecho.keystore.location", () -> "file:" + this.file);
		registry.add("spring.ssl.bundle.jks.wsecho.keystore.password", () -> PASSWORD);
		registry.add("spring.ssl.bundle.jks.wsecho.keystore.type", () -> "PKCS12");
		registry.add("server.ssl.bundle", () -> "wsecho");
	}

	/** A TLS context that trusts this key store's certificate alone. */
	public SSLContext trustingContext() throws Exception {
		KeyStore trusted = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(this.file)) {
			trusted.load(in, PASSWORD.toCharArray());
		}
		TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trust.init(trusted);
		SSLContext tls = SSLContext.getInstance("TLS");
		tls.init(null, trust.getTrustManagers(), null);
		return tls;
	}

}
