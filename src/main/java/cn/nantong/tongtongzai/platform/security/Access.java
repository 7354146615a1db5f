package cn.nantong.tongtongzai.platform.security;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import graphql.schema.DataFetchingEnvironment;

import org.springframework.stereotype.Component;

/**
 * Decides whether an actor may fetch a field ({@link Rule}) or reach a thing, and whether they see personal
 * data in full. Places found during one request are kept for that request, so a list of members costs one
 * lookup per member, not one per field.
 */
@Component
public class Access {

    private static final Map<Class<?>, Method> ID_ACCESSORS = new ConcurrentHashMap<>();

    private final Places places;

    Access(Places places) {
        this.places = places;
    }

    /** Throws FORBIDDEN when no role of the actor may use the field, NOT_FOUND when its target is out of reach. */
    void check(Actor actor, String field, Rule rule, DataFetchingEnvironment env, Map<String, Place> cache) {
        if (!actor.hasAny(rule.roles())) {
            throw AccessRefusedException.forbidden("使用 " + field);
        }
        if (rule.targets().isEmpty() || actor.isCityAdmin() || isAggregateForAnalyst(actor, rule)) {
            return;
        }
        boolean named = false;
        boolean anyReached = false;
        for (Rule.Target target : rule.targets()) {
            Kind kind = target.kind() != null ? target.kind() : kindOfScope(env.getArgument("scope"));
            if (kind == null) {
                continue;
            }
            for (String id : target.ids(env)) {
                named = true;
                Set<Role> roles = target.roles() != null ? target.roles() : rule.roles();
                boolean reached = place(kind, id, cache).reachableBy(actor, roles);
                if (reached) {
                    anyReached = true;
                } else if (!rule.any()) {
                    throw AccessRefusedException.notFound();
                }
            }
        }
        if (!named) {
            if (!actor.hasAny(rule.unscoped())) {
                throw AccessRefusedException.forbidden("不指定社区、单位或成员就查询");
            }
            return;
        }
        if (rule.any() && !anyReached) {
            throw AccessRefusedException.notFound();
        }
    }

    /** Whether one of these roles of the actor reaches the thing; the city administrator reaches everything. */
    public boolean reaches(Actor actor, Set<Role> roles, Kind kind, String id) {
        return actor.isCityAdmin() && roles.contains(Role.CITY_ADMIN)
                || id != null && places.of(kind, id).reachableBy(actor, roles);
    }

    /** The same with the thing's place already looked up: one lookup serves every subscriber of an event. */
    public boolean reaches(Actor actor, Set<Role> roles, Place place) {
        return actor.isCityAdmin() && roles.contains(Role.CITY_ADMIN) || place.reachableBy(actor, roles);
    }

    /**
     * Full phone numbers and the like: only the person themselves and the secretaries responsible for them
     * (their community's secretary or 第一书记, their unit's party secretary).
     */
    public boolean seesInFull(Actor actor, Kind kind, String id, Map<String, Place> cache) {
        if (kind == Kind.MEMBER && id.equals(actor.memberId()) || kind == Kind.RESIDENT && id.equals(actor.residentId())) {
            return true;
        }
        if (!actor.hasAny(AccessPolicy.RESPONSIBLE)) {
            return false;
        }
        return place(kind, id, cache).reachableBy(actor, AccessPolicy.RESPONSIBLE);
    }

    /** Looks up the places of many things in one read, so that checks on each of them find them cached. */
    void prefetch(Kind kind, java.util.Collection<String> ids, Map<String, Place> cache) {
        List<String> missing = ids.stream().filter(id -> !cache.containsKey(kind + ":" + id)).distinct().toList();
        if (missing.size() < 2) {
            return; // one is looked up when it is checked
        }
        Map<String, Place> found = places.of(kind, missing);
        missing.forEach(id -> cache.put(kind + ":" + id, found.getOrDefault(id, Place.NOWHERE)));
    }

    Place place(Kind kind, String id, Map<String, Place> cache) {
        return cache.computeIfAbsent(kind + ":" + id, key -> places.of(kind, id));
    }

    private static boolean isAggregateForAnalyst(Actor actor, Rule rule) {
        // analysts appear only in rules over aggregated figures and pseudonymised members (AccessPolicy)
        return actor.has(Role.ANALYST) && rule.roles().contains(Role.ANALYST);
    }

    /** figures(scope:, id:): what kind of thing the id names; null for the city, which names nothing. */
    public static Kind kindOfScope(Object scope) {
        if (scope == null) {
            return null;
        }
        return switch (scope.toString()) {
            case "STREET" -> Kind.STREET;
            case "COMMUNITY" -> Kind.COMMUNITY;
            case "GRID", "FUNCTIONAL_BRANCH", "FUNCTIONAL_GROUP" -> Kind.ORG_NODE;
            case "UNIT" -> Kind.UNIT;
            default -> null; // CITY names nothing
        };
    }

    /** The {@code id()} of a record or the "id" of a map: the parent object of a nested field. */
    static Object idOf(Object source) {
        if (source == null) {
            return null;
        }
        if (source instanceof Map<?, ?> map) {
            return map.get("id");
        }
        Method accessor = ID_ACCESSORS.computeIfAbsent(source.getClass(), type -> {
            try {
                Method id = type.getMethod("id");
                id.trySetAccessible(); // records of the feature packages are package-private
                return id;
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(type.getName() + " has no id(): it cannot carry a guarded field", e);
            }
        });
        try {
            return accessor.invoke(source);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read the id of " + source.getClass().getName(), e);
        }
    }
}
