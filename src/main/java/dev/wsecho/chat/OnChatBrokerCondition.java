package dev.wsecho.chat;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * {@link ConditionalOnChatBroker}'s test: the configured broker is the annotated one, or
 * Spring AOT is processing the application ({@code spring.aot.processing}, set by its
 * processor), which then keeps every broker.
 */
class OnChatBrokerCondition implements Condition {

	@Override
	public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
		if (Boolean.parseBoolean(context.getEnvironment().getProperty("spring.aot.processing"))) {
			return true;
		}
		Object broker = metadata.getAnnotationAttributes(ConditionalOnChatBroker.class.getName()).get("value");
		return ChatProperties.Broker.of(context.getEnvironment()) == broker;
	}

}
