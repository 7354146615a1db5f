package cn.nantong.tongtongzai.platform;

/**
 * Start-up cannot go on safely (a port in use, an unsafe binding, an edited migration).
 * {@link StartupRefusedFailureAnalyzer} prints the description and the action instead of a stack trace.
 */
public class StartupRefusedException extends RuntimeException {

    private final String action;

    public StartupRefusedException(String description, String action) {
        this(description, action, null);
    }

    public StartupRefusedException(String description, String action, Throwable cause) {
        super(description, cause);
        this.action = action;
    }

    public String action() {
        return action;
    }
}
