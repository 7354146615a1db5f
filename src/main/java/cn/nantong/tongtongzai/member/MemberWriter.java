package cn.nantong.tongtongzai.member;

import java.time.Year;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import cn.nantong.tongtongzai.member.MemberRecords.CreateMemberInput;
import cn.nantong.tongtongzai.member.MemberRecords.MemberSkillInput;
import cn.nantong.tongtongzai.member.MemberRecords.UpdateMemberInput;
import cn.nantong.tongtongzai.platform.graphql.UserInputException;
import cn.nantong.tongtongzai.platform.graphql.Validation;

/**
 * Creates and changes members. Every input is checked as a whole first (formats, then references);
 * one refusal lists every problem, never echoes a phone number, and writes nothing.
 */
@Service
public class MemberWriter {

    static final Pattern NAME = Pattern.compile("[\\p{IsHan}A-Za-z·• ]{2,20}");
    static final Pattern PHONE = Pattern.compile("1[3-9]\\d{9}");

    static final int MAX_IMPORT = 2_000;

    private final Neo4jClient neo4j;
    private final MemberService members;

    MemberWriter(Neo4jClient neo4j, MemberService members) {
        this.neo4j = neo4j;
        this.members = members;
    }

    @Transactional
    public Member create(CreateMemberInput input) {
        Validation validation = new Validation();
        checkProfile(validation, input.name(), input.birthYear(), input.phone(), input.skills(), input.interests());
        validation.throwIfInvalid();
        checkReferences(null, input.unitId(), input.residenceId(), input.skills(), input.postCategoryIds(), input.phone());

        String id = "M-" + UUID.randomUUID();
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("id", id);
        parameters.put("name", input.name().strip());
        parameters.put("gender", input.gender());
        parameters.put("birthYear", input.birthYear());
        parameters.put("phone", input.phone());
        parameters.put("unitId", input.unitId());
        parameters.put("residenceId", input.residenceId());
        parameters.put("skills", skills(input.skills()));
        parameters.put("postCategoryIds", orEmpty(input.postCategoryIds()));
        parameters.put("interests", interests(input.interests()));
        parameters.put("availability", orEmpty(input.availability()));
        parameters.put("roles", orEmpty(input.roles()));
        write("""
                MATCH (u:Unit {id: $unitId})-[:HAS_PARTY_ORG]->(o:UnitPartyOrg), (home:MicroGrid {id: $residenceId})
                CREATE (m:Member {id: $id, name: $name, gender: $gender, birthYear: $birthYear, phone: $phone,
                                  interests: $interests, availability: $availability, roles: $roles})
                CREATE (m)-[:WORKS_AT]->(u), (m)-[:MEMBER_OF]->(o), (m)-[:LIVES_IN]->(home)
                WITH m
                CALL (m) {
                  UNWIND $skills AS skill
                  MATCH (s:Skill {id: skill.skillId})
                  CREATE (m)-[:HAS_SKILL {level: skill.level}]->(s)
                }
                CALL (m) {
                  UNWIND $postCategoryIds AS categoryId
                  MATCH (c:PostCategory {id: categoryId})
                  CREATE (m)-[:CHOSE_POST]->(c)
                }""", parameters);
        return members.member(id).orElseThrow();
    }

    /** All rows or none: every row is checked first, and problems come back with their row numbers (1-based). */
    @Transactional
    public List<Member> importAll(List<CreateMemberInput> rows) {
        if (rows == null || rows.isEmpty() || rows.size() > MAX_IMPORT) {
            throw new UserInputException("INVALID_IMPORT_SIZE", "一次导入须为1至" + MAX_IMPORT + "条记录。");
        }
        List<UserInputException.Problem> problems = new ArrayList<>();
        var phones = new HashSet<String>();
        for (int i = 0; i < rows.size(); i++) {
            CreateMemberInput row = rows.get(i);
            String prefix = "第" + (i + 1) + "行：";
            try {
                Validation validation = new Validation();
                checkProfile(validation, row.name(), row.birthYear(), row.phone(), row.skills(), row.interests());
                validation.require(row.phone() == null || phones.add(row.phone()), "phone", "DUPLICATE_PHONE",
                        "该手机号在导入文件中重复。");
                validation.throwIfInvalid();
                checkReferences(null, row.unitId(), row.residenceId(), row.skills(), row.postCategoryIds(), row.phone());
            } catch (UserInputException e) {
                for (var problem : e.problems().isEmpty()
                        ? List.of(new UserInputException.Problem("", e.code(), e.getMessage())) : e.problems()) {
                    problems.add(new UserInputException.Problem("members[" + i + "]." + problem.field(), problem.code(),
                            prefix + problem.message()));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw UserInputException.of(problems);
        }
        return rows.stream().map(this::create).toList();
    }

    @Transactional
    public Member update(UpdateMemberInput input) {
        if (input.id() == null || members.member(input.id()).isEmpty()) {
            throw new UserInputException("MEMBER_NOT_FOUND", "找不到该党员。");
        }
        Validation validation = new Validation();
        checkProfile(validation, input.name(), input.birthYear(), input.phone(), input.skills(), input.interests());
        validation.throwIfInvalid();
        checkReferences(input.id(), input.unitId(), null, input.skills(), input.postCategoryIds(), input.phone());

        Map<String, Object> changes = new HashMap<>();
        if (input.name() != null) {
            changes.put("name", input.name().strip());
        }
        putIfPresent(changes, "gender", input.gender());
        putIfPresent(changes, "birthYear", input.birthYear());
        putIfPresent(changes, "phone", input.phone());
        if (input.interests() != null) {
            changes.put("interests", interests(input.interests()));
        }
        putIfPresent(changes, "availability", input.availability());
        putIfPresent(changes, "roles", input.roles());

        Map<String, Object> parameters = new HashMap<>();
        parameters.put("id", input.id());
        parameters.put("changes", changes);
        parameters.put("unitId", input.unitId());
        parameters.put("skills", input.skills() == null ? null : skills(input.skills()));
        parameters.put("postCategoryIds", input.postCategoryIds());
        write("""
                MATCH (m:Member {id: $id})
                SET m += $changes
                WITH m
                CALL (m) {
                  WITH m WHERE $unitId IS NOT NULL
                  MATCH (u:Unit {id: $unitId})-[:HAS_PARTY_ORG]->(o:UnitPartyOrg)
                  OPTIONAL MATCH (m)-[old:WORKS_AT|MEMBER_OF]->()
                  DELETE old
                  WITH DISTINCT m, u, o
                  CREATE (m)-[:WORKS_AT]->(u), (m)-[:MEMBER_OF]->(o)
                }
                CALL (m) {
                  WITH m WHERE $skills IS NOT NULL
                  OPTIONAL MATCH (m)-[old:HAS_SKILL]->()
                  DELETE old
                  WITH DISTINCT m
                  UNWIND $skills AS skill
                  MATCH (s:Skill {id: skill.skillId})
                  CREATE (m)-[:HAS_SKILL {level: skill.level}]->(s)
                }
                CALL (m) {
                  WITH m WHERE $postCategoryIds IS NOT NULL
                  OPTIONAL MATCH (m)-[old:CHOSE_POST]->()
                  DELETE old
                  WITH DISTINCT m
                  UNWIND $postCategoryIds AS categoryId
                  MATCH (c:PostCategory {id: categoryId})
                  CREATE (m)-[:CHOSE_POST]->(c)
                }""", parameters);
        return members.member(input.id()).orElseThrow();
    }

    /** Runs a member write; a phone taken meanwhile by a concurrent request is refused like any duplicate. */
    private void write(String cypher, Map<String, Object> parameters) {
        try {
            neo4j.query(cypher).bindAll(parameters).run();
        } catch (DataIntegrityViolationException e) {
            // the constraint's own message would repeat the phone number: say it in our words
            throw new UserInputException("DUPLICATE_PHONE", "该手机号已被其他党员使用。");
        }
    }

    private static void checkProfile(Validation validation, String name, Integer birthYear, String phone,
            List<MemberSkillInput> skills, List<String> interests) {
        int newest = Year.now().getValue() - 18;
        if (name != null) {
            validation.require(NAME.matcher(name.strip()).matches(), "name", "INVALID_NAME",
                    "姓名须为2至20个汉字或字母。");
        }
        if (birthYear != null) {
            validation.require(birthYear >= 1920 && birthYear <= newest, "birthYear", "INVALID_BIRTH_YEAR",
                    "出生年份须在1920年至" + newest + "年之间。");
        }
        if (phone != null) {
            validation.require(PHONE.matcher(phone).matches(), "phone", "INVALID_PHONE",
                    "手机号格式不正确：须为以1开头的11位数字。");
        }
        if (skills != null) {
            var seen = new HashSet<String>();
            for (MemberSkillInput skill : skills) {
                validation.require(skill.level() != null && skill.level() >= 1 && skill.level() <= 5, "skills",
                        "INVALID_SKILL_LEVEL", "技能等级须为1至5。");
                validation.require(seen.add(skill.skillId()), "skills", "DUPLICATE_SKILL", "同一技能只能填写一次。");
            }
        }
        if (interests != null) {
            validation.require(interests.size() <= 10 && interests.stream().allMatch(i -> i != null
                            && !i.isBlank() && i.strip().length() <= 20), "interests", "INVALID_INTERESTS",
                    "兴趣爱好最多10项，每项1至20个字符。");
        }
    }

    /** Every referenced unit, residence, skill and post category must exist; a phone belongs to one member. */
    private void checkReferences(String memberId, String unitId, String residenceId, List<MemberSkillInput> skills,
            List<String> postCategoryIds, String phone) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("memberId", memberId);
        parameters.put("unitId", unitId);
        parameters.put("residenceId", residenceId);
        parameters.put("skillIds", skills == null ? List.of() : skills.stream().map(MemberSkillInput::skillId).toList());
        parameters.put("postCategoryIds", orEmpty(postCategoryIds));
        parameters.put("phone", phone);
        Map<String, Object> found = neo4j.query("""
                RETURN $unitId IS NULL OR EXISTS { (:Unit {id: $unitId})-[:HAS_PARTY_ORG]->(:UnitPartyOrg) } AS unit,
                       $residenceId IS NULL OR EXISTS { (:MicroGrid {id: $residenceId}) } AS residence,
                       all(id IN $skillIds WHERE EXISTS { (:Skill {id: id}) }) AS skills,
                       all(id IN $postCategoryIds WHERE EXISTS { (:PostCategory {id: id}) }) AS postCategories,
                       $phone IS NULL OR NOT EXISTS { MATCH (m:Member {phone: $phone}) WHERE m.id <> coalesce($memberId, '') } AS phoneFree""")
                .bindAll(parameters).fetch().one().orElseThrow();
        new Validation()
                .require((Boolean) found.get("unit"), "unitId", "UNIT_NOT_FOUND", "找不到该单位。")
                .require((Boolean) found.get("residence"), "residenceId", "RESIDENCE_NOT_FOUND", "找不到该住址（微网格）。")
                .require((Boolean) found.get("skills"), "skills", "SKILL_NOT_FOUND", "技能不在技能目录中。")
                .require((Boolean) found.get("postCategories"), "postCategoryIds", "POST_CATEGORY_NOT_FOUND", "岗位类别不存在。")
                .require((Boolean) found.get("phoneFree"), "phone", "DUPLICATE_PHONE", "该手机号已被其他党员使用。")
                .throwIfInvalid();
    }

    private static List<Map<String, Object>> skills(List<MemberSkillInput> skills) {
        List<Map<String, Object>> rows = new ArrayList<>();
        if (skills != null) {
            skills.forEach(s -> rows.add(Map.of("skillId", s.skillId(), "level", s.level())));
        }
        return rows;
    }

    private static List<String> interests(List<String> interests) {
        return interests == null ? List.of() : interests.stream().map(String::strip).toList();
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static void putIfPresent(Map<String, Object> changes, String key, Object value) {
        if (value != null) {
            changes.put(key, value);
        }
    }
}
