package cn.nantong.tongtongzai.platform.security;

import java.time.Instant;

import graphql.GraphQLContext;

/**
 * Who runs a GraphQL operation and until when their token is valid, kept in its context under {@link #KEY}. A
 * subscription outlives the request that started it: it ends when the token expires ({@code expiresAt}), and over
 * WebSocket ({@code webSocket}) only subscriptions run — queries and mutations go over HTTP, where the request
 * timeout and load shedding apply.
 */
public record SignedIn(Actor actor, Instant expiresAt, boolean webSocket) {

    static final String KEY = "tongtongzai.signedIn";

    /** The sign-in of the operation; refused when there is none. */
    public static SignedIn of(GraphQLContext context) {
        SignedIn signedIn = context.get(KEY);
        if (signedIn == null) {
            throw AccessRefusedException.forbidden("匿名访问");
        }
        return signedIn;
    }

    /** Whether the operation came over a WebSocket connection. */
    public static boolean overWebSocket(GraphQLContext context) {
        SignedIn signedIn = context.get(KEY);
        return signedIn != null && signedIn.webSocket();
    }
}
