package cn.nantong.tongtongzai;

import java.util.Arrays;
import java.util.stream.Stream;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

@SpringBootApplication
public class TongtongzaiApplication {

    public static void main(String[] args) {
        if (args.length > 1 && args[0].equals("solve") && (args[1].equals("export") || args[1].equals("benchmark"))) {
            // Writing an instance from the database, or benchmarking on its members: same configuration,
            // no web server, no demo data.
            System.exit(SpringApplication.exit(commandLine(args, "--tongtong.solve-" + args[1] + "-command=true",
                    "--tongtong.demo-data.enabled=false", "--tongtong.service-records.auto-close=false",
                    "--tongtong.knowledge.backfill-on-start=false")));
        }
        if (args.length > 0 && args[0].equals("solve")) {
            // Solving an instance file needs neither the database nor the web server.
            System.exit(cn.nantong.tongtongzai.matching.SolveFiles.run(args));
        }
        if (args.length > 0 && args[0].equals("token")) {
            // Signing demo or custom tokens needs neither the database nor the web server.
            System.exit(cn.nantong.tongtongzai.platform.security.TokenCommand.run(args));
        }
        if (args.length > 0 && args[0].equals("dataset")) {
            // Command-line data tool: same jar and configuration, no web server, no demo data.
            // Arguments outrank application.yml, so demo data stays off even though the file enables it.
            System.exit(SpringApplication.exit(commandLine(args, DATASET_FLAGS)));
        }
        SpringApplication.run(TongtongzaiApplication.class, args);
    }

    /** A data tool run loads and leaves: no demo data, no background work on what it loads. */
    static final String[] DATASET_FLAGS = {"--tongtong.dataset-command=true", "--tongtong.demo-data.enabled=false",
            "--tongtong.knowledge.backfill-on-start=false", "--tongtong.service-records.auto-close=false"};

    /** A command-line tool of the jar that needs the database but no web server: runs it and returns the context. */
    static ConfigurableApplicationContext commandLine(String[] args, String... flags) {
        String[] withFlags = Stream.concat(Arrays.stream(args), Arrays.stream(flags)).toArray(String[]::new);
        return new SpringApplicationBuilder(TongtongzaiApplication.class).web(WebApplicationType.NONE).run(withFlags);
    }
}
