/**
 * The lab endpoint at {@code /ws/lab}: misbehaviour on demand (delays, bursts, streams, closes, drops) for testing clients.
 */
@NullMarked
package dev.wsecho.lab;

import org.jspecify.annotations.NullMarked;
