package cn.nantong.tongtongzai.member;

import java.util.Map;
import java.util.UUID;

import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.nantong.tongtongzai.member.MemberRecords.CreateResidentInput;
import cn.nantong.tongtongzai.member.MemberRecords.Resident;
import cn.nantong.tongtongzai.platform.graphql.UserInputException;
import cn.nantong.tongtongzai.platform.graphql.Validation;

/** Residents (居民) who post requests; their phone numbers are personal data and never echoed in errors. */
@Service
@Transactional
public class ResidentWriter {

    private final Neo4jClient neo4j;

    ResidentWriter(Neo4jClient neo4j) {
        this.neo4j = neo4j;
    }

    public Resident create(CreateResidentInput input) {
        String name = input.name() == null ? "" : input.name().strip();
        new Validation()
                .require(MemberWriter.NAME.matcher(name).matches(), "name", "INVALID_NAME", "姓名须为2至20个汉字或字母。")
                .require(input.phone() != null && MemberWriter.PHONE.matcher(input.phone()).matches(), "phone",
                        "INVALID_PHONE", "手机号格式不正确：须为以1开头的11位数字。")
                .throwIfInvalid();
        boolean residence = neo4j.query("MATCH (h:MicroGrid {id: $id}) RETURN count(h) > 0")
                .bind(input.residenceId() == null ? "" : input.residenceId()).to("id").fetchAs(Boolean.class).one().orElse(false);
        if (!residence) {
            throw new UserInputException("RESIDENCE_NOT_FOUND", "找不到该住址（微网格）。");
        }
        String id = "R-" + UUID.randomUUID();
        neo4j.query("""
                MATCH (home:MicroGrid {id: $residenceId})
                CREATE (:Resident {id: $id, name: $name, phone: $phone})-[:LIVES_IN]->(home)""")
                .bindAll(Map.of("id", id, "name", name, "phone", input.phone(), "residenceId", input.residenceId())).run();
        return new Resident(id, name, input.phone(), input.residenceId());
    }
}
