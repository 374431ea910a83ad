package dev.wsecho.bench;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.Inflater;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class HostileAttackTests {

	@Test
	void namesEachAttackAsTheCommandLineDoes() {
		assertThat(HostileAttack.named("ping-flood")).isEqualTo(HostileAttack.PING_FLOOD);
		assertThat(HostileAttack.named("per-address")).isEqualTo(HostileAttack.PER_ADDRESS);
		assertThatIllegalArgumentException().isThrownBy(() -> HostileAttack.named("nuke"))
			.withMessageContaining("slowloris");
	}

	@Test
	void deflatesZerosToAPayloadThatInflatesBackToThemWhole() throws Exception {
		byte[] bomb = HostileAttack.deflatedZeros(4);
		assertThat(bomb.length).as("about 1 KB per MiB").isLessThan(8 * 1024);

		// permessage-deflate: the receiver puts back the empty block's tail first.
		Inflater inflater = new Inflater(true);
		byte[] withTail = Arrays.copyOf(bomb, bomb.length + 4);
		withTail[bomb.length + 2] = (byte) 0xFF;
		withTail[bomb.length + 3] = (byte) 0xFF;
		inflater.setInput(withTail);
		byte[] buffer = new byte[64 * 1024];
		long total = 0;
		boolean zeros = true;
		int n;
		while ((n = inflater.inflate(buffer)) > 0) {
			for (int i = 0; i < n; i++) {
				zeros &= buffer[i] == 0;
			}
			total += n;
		}
		inflater.end();

		assertThat(total).isEqualTo(4L * 1024 * 1024);
		assertThat(zeros).isTrue();
	}

	@Test
	void describesCountsInOrderOfTheirKey() {
		Map<Integer, Integer> counts = new TreeMap<>(Map.of(503, 4001, 101, 999));

		assertThat(HostileAttack.describe(counts)).isEqualTo("101 ×999, 503 ×4,001");
	}

}
