package cn.nantong.tongtongzai.member;

import java.time.Year;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Service;

import cn.nantong.tongtongzai.platform.graphql.ErrorCode;
import cn.nantong.tongtongzai.platform.security.Access;
import cn.nantong.tongtongzai.platform.security.AccessPolicy;
import cn.nantong.tongtongzai.platform.security.Actor;
import cn.nantong.tongtongzai.platform.security.Kind;

import cn.nantong.tongtongzai.member.MemberRecords.CreateMemberInput;
import cn.nantong.tongtongzai.member.MemberRecords.MemberSkillInput;
import cn.nantong.tongtongzai.member.MemberRecords.UpdateMemberInput;
import cn.nantong.tongtongzai.platform.graphql.UserInputException;
import cn.nantong.tongtongzai.platform.graphql.Validation;
import cn.nantong.tongtongzai.platform.neo4j.WriteTransactions;

/**
 * Creates and changes members. Every input is checked as a whole first (formats, then references);
 * one refusal lists every problem, never echoes a phone number, and writes nothing.
 */
@Service
public class MemberWriter {

    static final Pattern NAME = Pattern.compile("[\\p{IsHan}A-Za-z·• ]{2,20}");
    static final Pattern PHONE = Pattern.compile("1[3-9]\\d{9}");

    static final int MAX_IMPORT = 2_000;

    static final int MAX_OCCUPATION = 30;

    private final Neo4jClient neo4j;
    private final WriteTransactions transactions;
    private final MemberService members;
    private final ApplicationEventPublisher events;
    private final Access access;

    MemberWriter(Neo4jClient neo4j, MemberService members, ApplicationEventPublisher events, Access access,
            WriteTransactions transactions) {
        this.transactions = transactions;
        this.neo4j = neo4j;
        this.members = members;
        this.events = events;
        this.access = access;
    }

    public Member create(CreateMemberInput input) {
        return transactions.execute(status -> {
            Validation validation = new Validation();
            checkProfile(validation, input.name(), input.birthYear(), input.phone(), input.skills(), input.interests(),
                    input.occupation());
            validation.throwIfInvalid();
            List<UserInputException.Problem> problems = checkReferences(List.of(reference(null, input))).getFirst();
            if (!problems.isEmpty()) {
                throw UserInputException.of(problems);
            }
            return createAll(List.of(input)).getFirst();
        });
    }

    /** Creates checked rows with one statement, and reads them back with one more. */
    private List<Member> createAll(List<CreateMemberInput> inputs) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (CreateMemberInput input : inputs) {
            Map<String, Object> row = new HashMap<>();
            row.put("id", "M-" + UUID.randomUUID());
            row.put("name", input.name().strip());
            row.put("gender", input.gender());
            row.put("birthYear", input.birthYear());
            row.put("phone", input.phone());
            row.put("unitId", input.unitId());
            row.put("residenceId", input.residenceId());
            row.put("skills", skills(input.skills()));
            row.put("postCategoryIds", orEmpty(input.postCategoryIds()));
            row.put("interests", interests(input.interests()));
            row.put("occupation", occupation(input.occupation()));
            row.put("availability", orEmpty(input.availability()));
            row.put("roles", orEmpty(input.roles()));
            rows.add(row);
        }
        write("""
                UNWIND $rows AS row
                MATCH (u:Unit {id: row.unitId})-[:HAS_PARTY_ORG]->(o:UnitPartyOrg), (home:MicroGrid {id: row.residenceId})
                CREATE (m:Member {id: row.id, name: row.name, gender: row.gender, birthYear: row.birthYear, phone: row.phone,
                                  occupation: row.occupation, interests: row.interests, availability: row.availability,
                                  roles: row.roles})
                CREATE (m)-[:WORKS_AT]->(u), (m)-[:MEMBER_OF]->(o), (m)-[:LIVES_IN]->(home)
                WITH m, row
                CALL (m, row) {
                  UNWIND row.skills AS skill
                  MATCH (s:Skill {id: skill.skillId})
                  CREATE (m)-[:HAS_SKILL {level: skill.level}]->(s)
                }
                CALL (m, row) {
                  UNWIND row.postCategoryIds AS categoryId
                  MATCH (c:PostCategory {id: categoryId})
                  CREATE (m)-[:CHOSE_POST]->(c)
                }""", Map.of("rows", rows));
        List<String> ids = rows.stream().map(r -> (String) r.get("id")).toList();
        events.publishEvent(new MemberProfileChanged(ids)); // skills read from occupations, in this transaction
        Map<String, Member> created = members.members(ids);
        return rows.stream().map(r -> created.get((String) r.get("id"))).toList();
    }

    /**
     * All rows or none: every row is checked first (formats in memory, references with one statement for all
     * rows), and problems come back with their row numbers (1-based).
     */
    public List<Member> importAll(List<CreateMemberInput> rows) {
        return transactions.execute(status -> {
            if (rows == null || rows.isEmpty() || rows.size() > MAX_IMPORT) {
                throw new UserInputException(ErrorCode.INVALID_IMPORT_SIZE, "一次导入须为1至" + MAX_IMPORT + "条记录。");
            }
            List<List<UserInputException.Problem>> byRow = new ArrayList<>();
            List<Reference> references = new ArrayList<>();
            var phones = new HashSet<String>();
            for (CreateMemberInput row : rows) {
                Validation validation = new Validation();
                checkProfile(validation, row.name(), row.birthYear(), row.phone(), row.skills(), row.interests(), row.occupation());
                validation.require(row.phone() == null || phones.add(row.phone()), "phone", ErrorCode.DUPLICATE_PHONE,
                        "该手机号在导入文件中重复。");
                byRow.add(validation.problems());
                references.add(reference(null, row));
            }
            List<List<UserInputException.Problem>> missing = checkReferences(references);
            List<UserInputException.Problem> problems = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                List<UserInputException.Problem> rowProblems = new ArrayList<>(byRow.get(i));
                rowProblems.addAll(missing.get(i));
                for (var problem : rowProblems) {
                    problems.add(new UserInputException.Problem("members[" + i + "]." + problem.field(), problem.code(),
                            "第" + (i + 1) + "行：" + problem.message()));
                }
            }
            if (!problems.isEmpty()) {
                throw UserInputException.of(problems);
            }
            return createAll(rows);
        });
    }

    public Member update(UpdateMemberInput input) {
        return transactions.execute(status -> {
            if (input.id() == null || members.member(input.id()).isEmpty()) {
                throw new UserInputException(ErrorCode.MEMBER_NOT_FOUND, "找不到该党员。");
            }
            Validation validation = new Validation();
            checkProfile(validation, input.name(), input.birthYear(), input.phone(), input.skills(), input.interests(),
                    input.occupation());
            validation.throwIfInvalid();
            List<UserInputException.Problem> problems = checkReferences(List.of(new Reference(input.id(), input.unitId(), null,
                    skillIds(input.skills()), orEmpty(input.postCategoryIds()), input.phone()))).getFirst();
            if (!problems.isEmpty()) {
                throw UserInputException.of(problems);
            }

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
            if (input.occupation() != null) {
                changes.put("occupation", occupation(input.occupation())); // "" clears it (null in the graph)
            }

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
            events.publishEvent(new MemberProfileChanged(List.of(input.id())));
            return members.member(input.id()).orElseThrow();
        });
    }

    /**
     * Whether the caller may learn that this member holds a phone number: only who may see the member (probe
     * finding 8: a check that writes nothing told anyone whether a number belonged to any member of the city).
     */
    private boolean mayKnowOf(String holder) {
        return holder != null && access.reaches(Actor.current(), AccessPolicy.MEMBER_READERS, Kind.MEMBER, holder);
    }

    /**
     * Runs a member write. A phone held by a member the caller may not see (or taken meanwhile) fails here, on the
     * constraint, only when all else was valid: the write would have happened, and the attempt is audited.
     */
    private void write(String cypher, Map<String, Object> parameters) {
        try {
            neo4j.query(cypher).bindAll(parameters).run();
        } catch (DataIntegrityViolationException e) {
            // the constraint's own message would repeat the phone number; "duplicate" only to whoever sees every
            // member (a number taken meanwhile by a concurrent request lands here too)
            if (Actor.current().isCityAdmin()) {
                throw new UserInputException(ErrorCode.DUPLICATE_PHONE, "该手机号已被其他党员使用。");
            }
            throw new UserInputException(ErrorCode.PHONE_NOT_ACCEPTED, "该手机号无法使用：请核对号码，如确为本人号码请联系社区书记。");
        }
    }

    private static void checkProfile(Validation validation, String name, Integer birthYear, String phone,
            List<MemberSkillInput> skills, List<String> interests, String occupation) {
        int newest = Year.now().getValue() - 18;
        if (name != null) {
            validation.require(NAME.matcher(name.strip()).matches(), "name", ErrorCode.INVALID_NAME,
                    "姓名须为2至20个汉字或字母。");
        }
        if (birthYear != null) {
            validation.require(birthYear >= 1920 && birthYear <= newest, "birthYear", ErrorCode.INVALID_BIRTH_YEAR,
                    "出生年份须在1920年至" + newest + "年之间。");
        }
        if (phone != null) {
            validation.require(PHONE.matcher(phone).matches(), "phone", ErrorCode.INVALID_PHONE,
                    "手机号格式不正确：须为以1开头的11位数字。");
        }
        if (skills != null) {
            var seen = new HashSet<String>();
            for (MemberSkillInput skill : skills) {
                validation.require(skill.level() != null && skill.level() >= 1 && skill.level() <= 5, "skills",
                        ErrorCode.INVALID_SKILL_LEVEL, "技能等级须为1至5。");
                validation.require(seen.add(skill.skillId()), "skills", ErrorCode.DUPLICATE_SKILL, "同一技能只能填写一次。");
            }
        }
        if (interests != null) {
            validation.require(interests.size() <= 10 && interests.stream().allMatch(i -> i != null
                            && !i.isBlank() && i.strip().length() <= 20), "interests", ErrorCode.INVALID_INTERESTS,
                    "兴趣爱好最多10项，每项1至20个字符。");
        }
        if (occupation != null) {
            validation.require(occupation.strip().length() <= MAX_OCCUPATION
                            && occupation.codePoints().noneMatch(Character::isISOControl), "occupation", ErrorCode.INVALID_OCCUPATION,
                    "职业最多" + MAX_OCCUPATION + "个字符，不能含控制字符。");
        }
    }

    private static String occupation(String occupation) {
        return occupation == null || occupation.isBlank() ? null : occupation.strip();
    }

    /** What one row refers to. */
    private record Reference(String memberId, String unitId, String residenceId, List<String> skillIds,
            List<String> postCategoryIds, String phone) {
    }

    private static Reference reference(String memberId, CreateMemberInput input) {
        return new Reference(memberId, input.unitId(), input.residenceId(), skillIds(input.skills()),
                orEmpty(input.postCategoryIds()), input.phone());
    }

    /**
     * Every referenced unit, residence, skill and post category must exist, and a phone belongs to one member;
     * one statement answers for all rows, giving each row's problems.
     */
    private List<List<UserInputException.Problem>> checkReferences(List<Reference> references) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < references.size(); i++) {
            Reference r = references.get(i);
            Map<String, Object> row = new HashMap<>();
            row.put("i", i);
            row.put("memberId", r.memberId());
            row.put("unitId", r.unitId());
            row.put("residenceId", r.residenceId());
            row.put("skillIds", r.skillIds());
            row.put("postCategoryIds", r.postCategoryIds());
            row.put("phone", r.phone());
            rows.add(row);
        }
        List<List<UserInputException.Problem>> problems = new ArrayList<>();
        references.forEach(r -> problems.add(new ArrayList<>()));
        neo4j.query("""
                UNWIND $rows AS row
                RETURN row.i AS i,
                       row.unitId IS NULL OR EXISTS { (:Unit {id: row.unitId})-[:HAS_PARTY_ORG]->(:UnitPartyOrg) } AS unit,
                       row.residenceId IS NULL OR EXISTS { (:MicroGrid {id: row.residenceId}) } AS residence,
                       all(id IN row.skillIds WHERE EXISTS { (:Skill {id: id}) }) AS skills,
                       all(id IN row.postCategoryIds WHERE EXISTS { (:PostCategory {id: id}) }) AS postCategories,
                       COLLECT { MATCH (m:Member {phone: row.phone}) WHERE m.id <> coalesce(row.memberId, '')
                                 RETURN m.id }[0] AS phoneHolder""")
                .bind(rows).to("rows").fetch().all()
                .forEach(found -> {
                    Validation validation = new Validation()
                            .require((Boolean) found.get("unit"), "unitId", ErrorCode.UNIT_NOT_FOUND, "找不到该单位。")
                            .require((Boolean) found.get("residence"), "residenceId", ErrorCode.RESIDENCE_NOT_FOUND, "找不到该住址（微网格）。")
                            .require((Boolean) found.get("skills"), "skills", ErrorCode.SKILL_NOT_FOUND, "技能不在技能目录中。")
                            .require((Boolean) found.get("postCategories"), "postCategoryIds", ErrorCode.POST_CATEGORY_NOT_FOUND, "岗位类别不存在。")
                            .require(!mayKnowOf((String) found.get("phoneHolder")), "phone", ErrorCode.DUPLICATE_PHONE,
                                    "该手机号已被其他党员使用。");
                    problems.get(((Number) found.get("i")).intValue()).addAll(validation.problems());
                });
        return problems;
    }

    private static List<String> skillIds(List<MemberSkillInput> skills) {
        return skills == null ? List.of() : skills.stream().map(MemberSkillInput::skillId).toList();
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
