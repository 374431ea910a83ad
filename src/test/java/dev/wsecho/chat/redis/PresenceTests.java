package dev.wsecho.chat.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class PresenceTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final FakeKeys keys = new FakeKeys();

	private final Iterator<String> ids = List.of("one", "two", "three").iterator();

	private final Presence presence = new Presence(this.keys, "p:", TIMEOUT, this.ids::next);

	@Test
	void renewsItsKeyWithThePresenceTimeout() {
		this.presence.renew();
		this.presence.renew();

		assertThat(this.keys.live).containsExactly(Map.entry("p:instance:one", TIMEOUT));
		assertThat(this.keys.puts).isEqualTo(2);
	}

	@Test
	void takesANewIdWhenRedisIsLostAndDeletesTheOldKeyOnceRedisAnswersAgain() {
		this.presence.renew();

		this.presence.retire();
		assertThat(this.presence.id()).as("members joining from now are listed under the new id").isEqualTo("two");
		this.presence.renew();

		assertThat(this.keys.live).as("the old id's members lapse at once").containsOnlyKeys("p:instance:two");
	}

	@Test
	void keepsAnOldKeyToDeleteWhileRedisStillDoesNotAnswer() {
		this.presence.renew();
		this.presence.retire();
		this.keys.failing = true;
		assertThatIllegalStateException().isThrownBy(this.presence::renew);

		this.keys.failing = false;
		this.presence.renew();

		assertThat(this.keys.deleted).containsExactly("p:instance:one");
		assertThat(this.keys.live).containsOnlyKeys("p:instance:two");
	}

	@Test
	void withdrawsItsKeyWhenTheInstanceStops() {
		this.presence.renew();

		this.presence.withdraw();

		assertThat(this.keys.live).isEmpty();
	}

	/**
	 * Keys in a map; while {@code failing}, every call throws as a Redis that is away
	 * would.
	 */
	private static final class FakeKeys implements Presence.Keys {

		private final Map<String, Duration> live = new LinkedHashMap<>();

		private final List<String> deleted = new ArrayList<>();

		private int puts;

		private boolean failing;

		@Override
		public void put(String key, Duration timeToLive) {
			check();
			this.live.put(key, timeToLive);
			this.puts++;
		}

		@Override
		public void delete(String key) {
			check();
			this.live.remove(key);
			this.deleted.add(key);
		}

		private void check() {
			if (this.failing) {
				throw new IllegalStateException("Redis is away");
			}
		}

	}

}
