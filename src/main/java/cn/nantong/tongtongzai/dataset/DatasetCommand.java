package cn.nantong.tongtongzai.dataset;

import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar tongtongzai.jar dataset <generate|export|import> …} — runs without the web server
 * (see {@code TongtongzaiApplication#main}) against the configured database.
 */
@Component
@ConditionalOnBooleanProperty("tongtong.dataset-command")
class DatasetCommand implements ApplicationRunner {

    static final String USAGE = """
            usage: dataset generate --scale=demo|city        generate a scale into the configured database
                   dataset export --scale=demo|city --dir=D  write a scale to JSON-lines files in D
                   dataset import --dir=D                    load JSON-lines files from D into the database""";

    private final DatasetLoader loader;

    DatasetCommand(DatasetLoader loader) {
        this.loader = loader;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<String> words = args.getNonOptionArgs();
        String action = words.size() > 1 ? words.get(1) : "";
        long started = System.nanoTime();
        switch (action) {
            case "generate" -> {
                Scale scale = Scale.named(option(args, "scale"));
                System.out.println("Generating scale " + scale.name() + " …");
                loader.load(loader.generate(scale), System.out::println);
            }
            case "export" -> {
                Scale scale = Scale.named(option(args, "scale"));
                Path dir = Path.of(option(args, "dir"));
                loader.export(loader.generate(scale), dir);
                System.out.println("Wrote scale " + scale.name() + " to " + dir.toAbsolutePath());
            }
            case "import" -> {
                Path dir = Path.of(option(args, "dir"));
                loader.load(loader.read(dir), System.out::println);
            }
            default -> throw new IllegalArgumentException(USAGE);
        }
        System.out.printf("Done in %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    private static String option(ApplicationArguments args, String name) {
        List<String> values = args.getOptionValues(name);
        if (values == null || values.isEmpty()) {
            throw new IllegalArgumentException("missing --" + name + "\n" + USAGE);
        }
        return values.getFirst();
    }
}
