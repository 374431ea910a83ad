package dev.wsecho.chat.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.wsecho.chat.ChatEvent;
import dev.wsecho.chat.ChatUnavailableException;

/**
 * Hands over, before a message that arrives on the channel, the messages the subscription
 * missed (its connection dropped and came back while Redis stayed up): ids have no gaps,
 * so a jump in ids shows them, and they are taken from the history.
 */
final class GapFiller {

	private static final Log logger = LogFactory.getLog(GapFiller.class);

	private final History history;

	private final Consumer<ChatEvent> dispatch;

	/**
	 * The id of the last message handed over; 0 when unknown (at start, after losing
	 * Redis).
	 */
	private volatile long lastDispatched;

	/**
	 * @param dispatch hands a missed message to every listener
	 */
	GapFiller(History history, Consumer<ChatEvent> dispatch) {
		this.history = history;
		this.dispatch = dispatch;
	}

	/**
	 * Hands over what was missed before {@code arriving}, which the caller then hands
	 * over itself.
	 */
	void arriving(ChatEvent.Message arriving) {
		long last = this.lastDispatched;
		if (last > 0 && arriving.id() > last + 1) {
			fill(last, arriving.id());
		}
		this.lastDispatched = arriving.id();
	}

	/** Forgets the last id: after losing Redis, the next message starts afresh. */
	void reset() {
		this.lastDispatched = 0;
	}

	private void fill(long after, long before) {
		try {
			List<ChatEvent.Message> missed = new ArrayList<>();
			for (ChatEvent.Message message : this.history.after(after)) {
				if (message.id() < before) {
					missed.add(message);
				}
			}
			logger.info("The chat subscription missed messages " + (after + 1) + " to " + (before - 1) + "; "
					+ missed.size() + " of them taken from the history");
			missed.forEach(this.dispatch);
		}
		catch (ChatUnavailableException ex) {
			logger.debug("Could not fill a gap in the chat subscription: " + ex);
		}
	}

	/** The room's history. */
	interface History {

		/**
		 * The messages kept after {@code id}, in id order.
		 * @throws ChatUnavailableException when Redis does not answer
		 */
		List<ChatEvent.Message> after(long id);

	}

}
