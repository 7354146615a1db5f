package cn.nantong.tongtongzai.platform.security;

import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code java -jar tongtongzai.jar token demo} prints a token for each demo user;
 * {@code token --role=MEMBER --member=M000209 --community=320613001001} one for any claims. Needs neither the
 * database nor the web server. The key is TONGTONG_JWT_SECRET (or --secret=), else the demo secret.
 */
public final class TokenCommand {

    static final String USAGE = """
            usage: token demo [--hours=12]                 a token for each demo user (one per role)
                   token --role=ROLE[,ROLE] [--sub=ID] [--member=ID] [--resident=ID] [--community=ID]
                         [--grid=ID] [--group=ID] [--unit=ID] [--street=ID] [--grant-names] [--hours=12]
                   options for both: --secret=KEY (default: $TONGTONG_JWT_SECRET, else the demo secret) --issuer=ISS
            roles: RESIDENT MEMBER GRID_LEADER GROUP_LEADER COMMUNITY_SECRETARY FIRST_SECRETARY UNIT_SECRETARY
                   STREET_ADMIN CITY_ADMIN ANALYST""";

    private TokenCommand() {
    }

    public static int run(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        boolean demo = false;
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("demo")) {
                demo = true;
            } else if (arg.startsWith("--") && arg.contains("=")) {
                options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            } else if (arg.startsWith("--")) {
                options.put(arg.substring(2), "true");
            } else {
                System.err.println(USAGE);
                return 2;
            }
        }
        String environmentSecret = System.getenv("TONGTONG_JWT_SECRET");
        String secret = options.getOrDefault("secret",
                environmentSecret == null || environmentSecret.isBlank() ? JwtProperties.DEMO_SECRET : environmentSecret);
        Tokens tokens = new Tokens(secret, options.getOrDefault("issuer", "tongtongzai"));
        Duration lifetime = Duration.ofHours(Long.parseLong(options.getOrDefault("hours", "12")));
        if (demo) {
            Map<String, Actor> users = DemoUsers.all();
            for (DemoToken token : DemoUsers.tokens(tokens, lifetime)) {
                System.out.printf("# %s — %s %s%n%s%n%n", token.name(), token.label(), Tokens.claims(users.get(token.name())),
                        token.token());
            }
            return 0;
        }
        if (!options.containsKey("role")) {
            System.err.println(USAGE);
            return 2;
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : options.get("role").split(",")) {
            try {
                roles.add(Role.valueOf(name.strip().toUpperCase()));
            } catch (IllegalArgumentException e) {
                System.err.println("unknown role " + name + "\n" + USAGE);
                return 2;
            }
        }
        Actor actor = new Actor(options.getOrDefault("sub", "user-" + roles.iterator().next().name().toLowerCase()),
                roles, options.get("member"), options.get("resident"), options.get("community"), options.get("grid"),
                options.get("group"), options.get("unit"), options.get("street"), options.containsKey("grant-names"));
        System.out.println(tokens.issue(actor, lifetime));
        return 0;
    }
}
