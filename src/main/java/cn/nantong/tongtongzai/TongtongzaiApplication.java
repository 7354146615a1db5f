package cn.nantong.tongtongzai;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

@SpringBootApplication
public class TongtongzaiApplication {

    public static void main(String[] args) {
        if (args.length > 1 && args[0].equals("solve") && (args[1].equals("export") || args[1].equals("benchmark"))) {
            // Writing an instance from the database, or benchmarking on its members: same configuration,
            // no web server, no demo data.
            String[] withFlags = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                    java.util.stream.Stream.of("--tongtong.solve-" + args[1] + "-command=true", "--tongtong.demo-data.enabled=false",
                            "--tongtong.service-records.auto-close=false"))
                    .toArray(String[]::new);
            var context = new SpringApplicationBuilder(TongtongzaiApplication.class).web(WebApplicationType.NONE).run(withFlags);
            System.exit(SpringApplication.exit(context));
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
            String[] withFlags = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                    java.util.stream.Stream.of("--tongtong.dataset-command=true", "--tongtong.demo-data.enabled=false"))
                    .toArray(String[]::new);
            var context = new SpringApplicationBuilder(TongtongzaiApplication.class)
                    .web(WebApplicationType.NONE)
                    .run(withFlags);
            System.exit(SpringApplication.exit(context));
        }
        SpringApplication.run(TongtongzaiApplication.class, args);
    }
}
