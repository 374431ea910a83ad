package dev.wsecho.playground;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import dev.wsecho.chat.ChatProperties;
import dev.wsecho.echo.EchoProperties;
import dev.wsecho.lab.LabProperties;
import dev.wsecho.sse.SseProperties;

/**
 * Serves the playground page with what only the server knows: its endpoints, limit and
 * version.
 */
@Controller
class PlaygroundController {

	private final EchoProperties echo;

	private final @Nullable String version;

	PlaygroundController(EchoProperties echo, ObjectProvider<BuildProperties> build) {
		this.echo = echo;
		BuildProperties properties = build.getIfAvailable();
		this.version = (properties != null) ? properties.getVersion() : "dev";
	}

	@GetMapping("/")
	String playground(Model model) {
		model.addAttribute("echoPath", EchoProperties.PATH);
		model.addAttribute("maxMessageBytes", this.echo.maxMessageSize().toBytes());
		model.addAttribute("version", this.version);
		model.addAttribute("labPath", LabProperties.PATH);
		model.addAttribute("chatPath", ChatProperties.PATH);
		model.addAttribute("sseTicksPath", SseProperties.TICKS_PATH);
		model.addAttribute("sseChatPath", ChatProperties.SSE_PATH);
		return "index";
	}

}
