package dev.wsecho.connection;

/**
 * How many whole messages per second one connection of an endpoint may send:
 * {@code perSecond} on average, up to {@code burst} at once; more closes the connection
 * with 1008. Zero turns the limit off.
 *
 * @param perSecond whole messages per second on average; zero for no limit
 * @param burst whole messages at once before the average applies
 */
public record MessageRate(int perSecond, int burst) {

	/** No limit. */
	public static final MessageRate UNLIMITED = new MessageRate(0, 0);

	boolean limited() {
		return this.perSecond > 0;
	}

}
