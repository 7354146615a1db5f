package cn.nantong.tongtongzai.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import cn.nantong.tongtongzai.TongtongzaiApplication;

/**
 * The service as {@code mvn spring-boot:run} starts it (embedded database in a store of its own, demo data), for
 * the browser tests: started by the first test class that asks, shared by the others of the run (starting it and
 * generating the demo data costs each class about 20 s), stopped and its store deleted when the JVM exits. Tests
 * may write to it; what they check must not depend on what another class wrote.
 */
public final class DemoService {

    private static String base;

    private DemoService() {
    }

    /** Its address, e.g. {@code http://localhost:40123}. */
    public static synchronized String base() {
        if (base == null) {
            Path store = temporaryStore();
            ConfigurableApplicationContext app = new SpringApplicationBuilder(TongtongzaiApplication.class).run(
                    "--server.port=0",
                    "--spring.neo4j.uri=",
                    "--tongtong.neo4j.embedded.directory=" + store,
                    "--tongtong.neo4j.embedded.bolt-port=" + FreePort.find(),
                    "--tongtong.demo-data.enabled=true",
                    "--tongtong.knowledge.backfill-on-start=false",
                    "--tongtong.security.pseudonym-key=a-test-pseudonym-key-of-thirty-two-characters-or-more");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                app.close();
                delete(store);
            }, "demo-service-shutdown"));
            base = "http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort();
        }
        return base;
    }

    private static Path temporaryStore() {
        try {
            return Files.createTempDirectory("tongtong-demo-service");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path store) {
        try (Stream<Path> files = Files.walk(store)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a temporary directory: the system cleans it up in the end
        }
    }
}
