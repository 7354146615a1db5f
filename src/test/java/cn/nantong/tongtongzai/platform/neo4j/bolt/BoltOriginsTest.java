package cn.nantong.tongtongzai.platform.neo4j.bolt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Origins compare as browsers send them: scheme, host and port, the default port left out. */
class BoltOriginsTest {

    @Test
    void theServicesOwnLoopbackOriginsOnItsPort() {
        BoltOrigins origins = new BoltOrigins(List.of());
        assertThat(origins.allows("http://localhost:8080")).isFalse(); // not before the web server has its port
        origins.allowLoopback(8080);
        assertThat(origins.allows("http://localhost:8080")).isTrue();
        assertThat(origins.allows("http://127.0.0.1:8080")).isTrue();
        assertThat(origins.allows("http://[::1]:8080")).isTrue();
        assertThat(origins.allows("https://LOCALHOST:8080")).isTrue();
        assertThat(origins.allows("http://localhost:8081")).isFalse();
        assertThat(origins.allows("http://localhost.evil.example:8080")).isFalse();
        assertThat(origins.allows("null")).isFalse(); // sandboxed frames and file:// pages
    }

    @Test
    void configuredOriginsWithOrWithoutTheirDefaultPort() {
        BoltOrigins origins = new BoltOrigins(List.of("https://tongtong.example.gov.cn:443/", "http://10.0.0.5:8080"));
        assertThat(origins.allows("https://tongtong.example.gov.cn")).isTrue();
        assertThat(origins.allows("http://tongtong.example.gov.cn")).isFalse();
        assertThat(origins.allows("http://10.0.0.5:8080")).isTrue();
        assertThatThrownBy(() -> new BoltOrigins(List.of("tongtong.example.gov.cn"))).isInstanceOf(IllegalArgumentException.class);
    }
}
