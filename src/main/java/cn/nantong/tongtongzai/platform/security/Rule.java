package cn.nantong.tongtongzai.platform.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import graphql.schema.DataFetchingEnvironment;

/**
 * Who may fetch one field: the roles, and the things (by argument or by the parent object) whose {@link Place}
 * one of those roles must reach with the caller's scope ids. {@code any}: one reachable target is enough (a
 * list narrowed by a community or by a unit); otherwise every target named must be reachable. When the caller
 * names no target at all, only the {@code unscoped} roles may go on (the city sees the whole city).
 */
public record Rule(Set<Role> roles, List<Target> targets, boolean any, Set<Role> unscoped) {

    public Rule {
        roles = Set.copyOf(roles);
        targets = List.copyOf(targets);
        unscoped = Set.copyOf(unscoped);
    }

    static Rule of(Set<Role> roles, Target... targets) {
        return new Rule(roles, List.of(targets), false, EnumSet.of(Role.CITY_ADMIN));
    }

    static Rule anyOf(Set<Role> roles, Target... targets) {
        return new Rule(roles, List.of(targets), true, EnumSet.of(Role.CITY_ADMIN));
    }

    /** The same rule, also letting these roles go on when no target is named. */
    Rule unscoped(Role... more) {
        Set<Role> all = EnumSet.of(Role.CITY_ADMIN, more);
        return new Rule(roles, targets, any, all);
    }

    /** A thing the rule checks: its kind, where its id is, and (optionally) roles of its own. */
    public record Target(Kind kind, String path, Set<Role> roles) {

        static final String SOURCE = "$source";

        static Target arg(String path, Kind kind) {
            return new Target(kind, path, null);
        }

        static Target source(Kind kind) {
            return new Target(kind, SOURCE, null);
        }

        /** The same target, reachable only by these roles. */
        Target by(Set<Role> only) {
            return new Target(kind, path, Set.copyOf(only));
        }

        /** The ids this target names in the field's arguments or parent; empty when the argument is absent. */
        List<String> ids(DataFetchingEnvironment env) {
            Object value;
            if (path.equals(SOURCE)) {
                value = Access.idOf(env.getSource());
            } else {
                value = env.getArguments();
                for (String step : path.split("\\.")) {
                    value = value instanceof Map<?, ?> map ? map.get(step) : null;
                }
            }
            List<String> ids = new ArrayList<>();
            if (value instanceof Collection<?> many) {
                many.stream().filter(v -> v != null).forEach(v -> ids.add(v.toString()));
            } else if (value != null) {
                ids.add(value.toString());
            }
            return ids;
        }
    }
}
