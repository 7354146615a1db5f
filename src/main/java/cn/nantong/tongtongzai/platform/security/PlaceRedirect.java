package cn.nantong.tongtongzai.platform.security;

import java.util.Optional;

/**
 * For things that live outside the graph (matching jobs in memory): the community or street they belong to,
 * as a kind and id {@link Places} can look up. Feature packages provide one bean per kind.
 */
public interface PlaceRedirect {

    Kind kind();

    /** The tree node the thing belongs to; empty when there is no such thing. */
    Optional<Target> redirect(String id);

    /** A kind and an id. */
    record Target(Kind kind, String id) {
    }
}
