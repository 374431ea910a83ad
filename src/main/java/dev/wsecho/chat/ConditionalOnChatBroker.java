package dev.wsecho.chat;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Marks the configuration of one chat broker: it applies when {@code wsecho.chat.broker}
 * names that broker, and always while Spring AOT processes the application at build time,
 * so that the bean definitions prepared then hold every broker and the choice is left to
 * the start ({@code dev.wsecho.chat.redis.BrokerChoice} drops the other broker's beans).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Documented
@Conditional(OnChatBrokerCondition.class)
public @interface ConditionalOnChatBroker {

	/** The broker whose beans the annotated configuration defines. */
	ChatProperties.Broker value();

}
