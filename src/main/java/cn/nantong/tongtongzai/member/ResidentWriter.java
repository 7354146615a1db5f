package cn.nantong.tongtongzai.member;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Service;

import cn.nantong.tongtongzai.member.MemberRecords.CreateResidentInput;
import cn.nantong.tongtongzai.member.MemberRecords.UpdateResidentInput;
import cn.nantong.tongtongzai.platform.graphql.ErrorCode;
import cn.nantong.tongtongzai.platform.graphql.UserInputException;
import cn.nantong.tongtongzai.platform.graphql.Validation;
import cn.nantong.tongtongzai.platform.neo4j.WriteTransactions;

/** Residents (居民) who post requests; their phone numbers are personal data and never echoed in errors. */
@Service
public class ResidentWriter {

    private final Neo4jClient neo4j;
    private final WriteTransactions transactions;

    ResidentWriter(Neo4jClient neo4j, WriteTransactions transactions) {
        this.transactions = transactions;
        this.neo4j = neo4j;
    }

    public Resident update(UpdateResidentInput input) {
        return transactions.execute(status -> {
            String name = input.name() == null ? null : input.name().strip();
            checkProfile(name, input.phone());
            if (!exists("MATCH (r:Resident {id: $id}) RETURN count(r) > 0", input.id())) {
                throw new UserInputException(ErrorCode.RESIDENT_NOT_FOUND, "找不到该居民。");
            }
            if (input.residenceId() != null) {
                requireResidence(input.residenceId());
            }
            Map<String, Object> p = new HashMap<>();
            p.put("id", input.id());
            p.put("name", name);
            p.put("phone", input.phone());
            p.put("residenceId", input.residenceId());
            return neo4j.query("""
                    MATCH (r:Resident {id: $id})
                    SET r.name = coalesce($name, r.name), r.phone = coalesce($phone, r.phone)
                    WITH r
                    CALL (r) {
                      WITH r WHERE $residenceId IS NOT NULL
                      MATCH (r)-[old:LIVES_IN]->()
                      DELETE old
                      WITH DISTINCT r
                      MATCH (home:MicroGrid {id: $residenceId})
                      CREATE (r)-[:LIVES_IN]->(home)
                    }
                    MATCH (r)-[:LIVES_IN]->(home:MicroGrid)
                    RETURN r.id AS id, r.name AS name, r.phone AS phone, home.id AS residenceId""").bindAll(p)
                    .fetchAs(Resident.class).mappedBy((types, row) -> new Resident(row.get("id").asString(),
                            row.get("name").asString(), row.get("phone").asString(), row.get("residenceId").asString()))
                    .one().orElseThrow();
        });
    }

    public Resident create(CreateResidentInput input) {
        return transactions.execute(status -> {
            String name = input.name() == null ? "" : input.name().strip();
            checkProfile(name, input.phone() == null ? "" : input.phone());
            requireResidence(input.residenceId());
            String id = "R-" + UUID.randomUUID();
            neo4j.query("""
                    MATCH (home:MicroGrid {id: $residenceId})
                    CREATE (:Resident {id: $id, name: $name, phone: $phone})-[:LIVES_IN]->(home)""")
                    .bindAll(Map.of("id", id, "name", name, "phone", input.phone(), "residenceId", input.residenceId())).run();
            return new Resident(id, name, input.phone(), input.residenceId());
        });
    }

    /** Checks the fields given (null = not given, left as it is). */
    private static void checkProfile(String name, String phone) {
        Validation validation = new Validation();
        if (name != null) {
            validation.require(MemberWriter.NAME.matcher(name).matches(), "name", ErrorCode.INVALID_NAME, "姓名须为2至20个汉字或字母。");
        }
        if (phone != null) {
            validation.require(MemberWriter.PHONE.matcher(phone).matches(), "phone", ErrorCode.INVALID_PHONE,
                    "手机号格式不正确：须为以1开头的11位数字。");
        }
        validation.throwIfInvalid();
    }

    private void requireResidence(String residenceId) {
        if (!exists("MATCH (h:MicroGrid {id: $id}) RETURN count(h) > 0", residenceId)) {
            throw new UserInputException(ErrorCode.RESIDENCE_NOT_FOUND, "找不到该住址（微网格）。");
        }
    }

    private boolean exists(String cypher, String id) {
        return neo4j.query(cypher).bind(id == null ? "" : id).to("id").fetchAs(Boolean.class).one().orElse(false);
    }
}
