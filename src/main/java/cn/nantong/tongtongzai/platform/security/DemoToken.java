package cn.nantong.tongtongzai.platform.security;

/**
 * A signed token for one demo user: its short name ({@code city-admin}), role, the role's Chinese label and the
 * JWT. What {@code token demo} prints and GraphiQL's sign-in helper offers.
 */
public record DemoToken(String name, Role role, String label, String token) {
}
