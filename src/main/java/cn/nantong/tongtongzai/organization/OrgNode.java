package cn.nantong.tongtongzai.organization;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * One node of the organisation tree. {@code properties} holds the level's own fields (district,
 * building, derived …) as stored.
 */
public record OrgNode(String id, String name, TreeLevel level, Map<String, Object> properties) {

    public OrgNode {
        properties = properties == null ? Map.of() : Map.copyOf(properties);
    }

    Object property(String key) {
        return properties.get(key);
    }

    static OrgNode of(TreeLevel level, Map<String, Object> node) {
        return new OrgNode((String) node.get("id"), (String) node.get("name"), level,
                node.entrySet().stream().filter(e -> e.getValue() != null)
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }
}
