package cn.nantong.tongtongzai.task;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The check-in codes of standing posts ({@code tongtong.service-posts.*}).
 *
 * @param codeWindow how long one code of a post is valid (at least a minute)
 * @param codeGrace how long the previous code is still accepted after a new one starts (shorter than the window)
 */
@ConfigurationProperties("tongtong.service-posts")
public record ServicePostProperties(@DefaultValue("P1D") Duration codeWindow, @DefaultValue("PT15M") Duration codeGrace) {
}
