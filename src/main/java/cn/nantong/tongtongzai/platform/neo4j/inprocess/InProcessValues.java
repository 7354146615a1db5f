package cn.nantong.tongtongzai.platform.neo4j.inprocess;

import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.neo4j.driver.Value;
import org.neo4j.driver.Values;
import org.neo4j.driver.internal.InternalNode;
import org.neo4j.driver.internal.InternalPath;
import org.neo4j.driver.internal.InternalRelationship;
import org.neo4j.driver.internal.value.NodeValue;
import org.neo4j.driver.internal.value.PathValue;
import org.neo4j.driver.internal.value.RelationshipValue;
import org.neo4j.driver.types.Entity;
import org.neo4j.driver.types.Type;
import org.neo4j.driver.types.TypeSystem;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Path;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.spatial.Point;
import org.neo4j.values.storable.DurationValue;

/**
 * Values between the two APIs: parameters from the driver's {@link Value}s to the Java objects the embedded
 * database takes, rows from its Java objects (nodes, relationships, paths, temporals, arrays) to the driver's
 * values — the same types a Bolt connection would have delivered.
 */
final class InProcessValues {

    private static final TypeSystem TYPES = TypeSystem.getDefault();

    private InProcessValues() {
    }

    static Object toJava(Value value) {
        if (value == null || value.isNull()) {
            return null;
        }
        Type type = value.type();
        if (type.equals(TYPES.LIST())) {
            return value.asList(InProcessValues::toJava);
        }
        if (type.equals(TYPES.MAP())) {
            return value.asMap(InProcessValues::toJava);
        }
        return value.asObject();
    }

    static Value toValue(Object object) {
        return switch (object) {
            case null -> Values.NULL;
            case Node node -> new NodeValue(node(node));
            case Relationship relationship -> new RelationshipValue(relationship(relationship));
            case Path path -> new PathValue(path(path));
            case List<?> list -> {
                List<Value> values = new ArrayList<>(list.size());
                for (Object element : list) {
                    values.add(toValue(element));
                }
                yield Values.value(values);
            }
            case Map<?, ?> map -> Values.value(properties(map));
            case Object[] array -> toValue(java.util.Arrays.asList(array));
            case DurationValue duration -> Values.isoDuration(duration.get(ChronoUnit.MONTHS), duration.get(ChronoUnit.DAYS),
                    duration.get(ChronoUnit.SECONDS), (int) duration.get(ChronoUnit.NANOS));
            case Point point -> {
                double[] c = point.getCoordinate().getCoordinate();
                int srid = point.getCRS().getCode();
                yield c.length == 3 ? Values.point(srid, c[0], c[1], c[2]) : Values.point(srid, c[0], c[1]);
            }
            default -> Values.value(object);
        };
    }

    @SuppressWarnings("deprecation") // the numeric ids are part of the driver's node, as over Bolt
    private static InternalNode node(Node node) {
        List<String> labels = new ArrayList<>();
        for (Label label : node.getLabels()) {
            labels.add(label.name());
        }
        return new InternalNode(node.getId(), node.getElementId(), labels, properties(node.getAllProperties()));
    }

    @SuppressWarnings("deprecation")
    private static InternalRelationship relationship(Relationship r) {
        return new InternalRelationship(r.getId(), r.getElementId(), r.getStartNode().getId(), r.getStartNode().getElementId(),
                r.getEndNode().getId(), r.getEndNode().getElementId(), r.getType().name(), properties(r.getAllProperties()));
    }

    private static InternalPath path(Path path) {
        List<Entity> entities = new ArrayList<>();
        for (org.neo4j.graphdb.Entity entity : path) {
            entities.add(entity instanceof Node node ? node(node) : relationship((Relationship) entity));
        }
        return new InternalPath(entities);
    }

    private static Map<String, Value> properties(Map<?, ?> map) {
        Map<String, Value> values = new LinkedHashMap<>();
        map.forEach((key, value) -> values.put(String.valueOf(key), toValue(value)));
        return values;
    }
}
