package cn.nantong.tongtongzai.member;

import java.util.Map;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.neo4j.core.Neo4jClient;
import org.springframework.stereotype.Service;

import cn.nantong.tongtongzai.platform.neo4j.RowLocks;
import cn.nantong.tongtongzai.member.MemberRecords.MoveMemberInput;
import cn.nantong.tongtongzai.member.MemberRecords.RegisterMemberInput;
import cn.nantong.tongtongzai.platform.graphql.ErrorCode;
import cn.nantong.tongtongzai.platform.graphql.UserInputException;
import cn.nantong.tongtongzai.platform.neo4j.WriteTransactions;
import cn.nantong.tongtongzai.platform.graphql.Validation;

/**
 * 双报到: a member registers with the community where they live (人户分离 is the norm, so the
 * residence decides, not the household registration); the declared residence becomes the member's when
 * the community confirms it. States: PENDING → CONFIRMED or REJECTED;
 * moving house ENDS the active registration and starts a new PENDING one. A member holds at most one
 * active registration: the database enforces it (constraint on {@code activeMemberId}), so concurrent
 * requests cannot create two. Each mutation is one transaction, retried when Neo4j reports a deadlock.
 */
@Service
public class RegistrationService {

    private static final Map<String, String> STATE_NAMES = Map.of("PENDING", "待确认", "CONFIRMED", "已报到",
            "REJECTED", "已驳回", "ENDED", "已结束");

    private final Neo4jClient neo4j;
    private final WriteTransactions transactions;
    private final MemberService members;
    private final ApplicationEventPublisher events;

    RegistrationService(Neo4jClient neo4j, WriteTransactions transactions, MemberService members,
            ApplicationEventPublisher events) {
        this.neo4j = neo4j;
        this.events = events;
        this.transactions = transactions;
        this.members = members;
    }

    public Registration register(RegisterMemberInput input) {
        requireIds(input.memberId(), input.communityId(), input.residenceId());
        try {
            return transactions.execute(status -> {
                Situation situation = situation(input.memberId(), input.communityId(), input.residenceId());
                if (situation.activeId() != null) {
                    if (situation.activeResidenceId().equals(input.residenceId())) {
                        return members.registration(situation.activeId()).orElseThrow(); // same residence: idempotent
                    }
                    throw new UserInputException(ErrorCode.ALREADY_REGISTERED,
                            "该党员已在其他住址报到；搬家请使用“迁移报到”（moveMember）。");
                }
                return create(input.memberId(), input.communityId(), input.residenceId(), input.channel());
            });
        } catch (DataIntegrityViolationException concurrent) {
            // Another request registered the same member between our check and our write.
            Situation now = transactions.execute(status ->
                    situation(input.memberId(), input.communityId(), input.residenceId()));
            if (now.activeId() != null && now.activeResidenceId().equals(input.residenceId())) {
                return members.registration(now.activeId()).orElseThrow();
            }
            throw new UserInputException(ErrorCode.ALREADY_REGISTERED, "该党员已在其他住址报到；搬家请使用“迁移报到”（moveMember）。");
        }
    }

    public Registration confirm(String registrationId) {
        return transactions.execute(status -> {
            requirePending(registrationId, "确认");
            neo4j.query("""
                    MATCH (r:Registration {id: $id})<-[:REGISTERED]-(m:Member), (r)-[:WITH_COMMUNITY]->(c:Community),
                          (r)-[:FOR_RESIDENCE]->(home:MicroGrid)
                    SET r.state = 'CONFIRMED', r.decidedAt = datetime()
                    WITH r, m, c, home
                    // confirmed: the declared residence becomes the member's (a rejected one never does)
                    CALL (m, home) {
                      OPTIONAL MATCH (m)-[lives:LIVES_IN]->(:MicroGrid)
                      DELETE lives
                      WITH DISTINCT m, home
                      CREATE (m)-[:LIVES_IN]->(home)
                    }
                    CALL (m, c) {
                      MATCH (c)-[:HAS_FUNCTIONAL_BRANCH]->(f:FunctionalBranch)
                      MERGE (m)-[:IN_FUNCTIONAL_BRANCH]->(f)
                    }
                    CALL (m, home) {
                      // the functional group embedded in the grid branch of the residence, if the grid has one
                      MATCH (home)<-[:HAS_MICRO_GRID]-(:PartyGroup)<-[:HAS_PARTY_GROUP]-(:GridBranch)<-[:EMBEDDED_IN]-(g:FunctionalGroup)
                      WITH g ORDER BY g.id LIMIT 1
                      MERGE (m)-[:IN_FUNCTIONAL_GROUP]->(g)
                    }""").bind(registrationId).to("id").run();
            Registration confirmed = members.registration(registrationId).orElseThrow();
            events.publishEvent(new RegistrationDecided(registrationId, confirmed.memberId(), "CONFIRMED", null));
            return confirmed;
        });
    }

    public Registration reject(String registrationId, String reason) {
        String trimmed = reason == null ? "" : reason.strip();
        new Validation().require(trimmed.length() >= 2 && trimmed.length() <= 200, "reason", ErrorCode.INVALID_REASON,
                "驳回理由须为2至200个字符。").throwIfInvalid();
        return transactions.execute(status -> {
            requirePending(registrationId, "驳回");
            neo4j.query("""
                    MATCH (r:Registration {id: $id})
                    SET r.state = 'REJECTED', r.decidedAt = datetime(), r.rejectReason = $reason
                    REMOVE r.activeMemberId""").bindAll(Map.of("id", registrationId, "reason", trimmed)).run();
            Registration rejected = members.registration(registrationId).orElseThrow();
            events.publishEvent(new RegistrationDecided(registrationId, rejected.memberId(), "REJECTED", trimmed));
            return rejected;
        });
    }

    /** Moving house: the active registration ends (kept as history) and a new pending one starts. */
    public Registration move(MoveMemberInput input) {
        requireIds(input.memberId(), input.communityId(), input.residenceId());
        return transactions.execute(status -> {
            Situation situation = situation(input.memberId(), input.communityId(), input.residenceId());
            if (situation.activeId() == null) {
                throw new UserInputException(ErrorCode.NOT_REGISTERED, "该党员尚未报到，请先办理报到（registerMember）。");
            }
            if (situation.activeResidenceId().equals(input.residenceId())) {
                return members.registration(situation.activeId()).orElseThrow();
            }
            neo4j.query("""
                    MATCH (m:Member {id: $memberId})-[:REGISTERED]->(r:Registration {activeMemberId: $memberId})
                    SET r.state = 'ENDED', r.endedAt = datetime(), r.endReason = 'MOVED'
                    REMOVE r.activeMemberId
                    WITH m
                    // leaving the community ends the places and offices held there
                    OPTIONAL MATCH (m)-[held:IN_FUNCTIONAL_BRANCH|IN_FUNCTIONAL_GROUP|SECRETARY_OF|DEPUTY_SECRETARY_OF]->()
                    DELETE held""").bind(input.memberId()).to("memberId").run();
            return create(input.memberId(), input.communityId(), input.residenceId(), input.channel());
        });
    }

    /** What is there for a registration request; refuses unknown or mismatched references. */
    private Situation situation(String memberId, String communityId, String residenceId) {
        Map<String, Object> row = neo4j.query("""
                OPTIONAL MATCH (m:Member {id: $memberId})
                OPTIONAL MATCH (c:Community {id: $communityId})
                OPTIONAL MATCH (home:MicroGrid {id: $residenceId})
                // lock the member first, so that concurrent requests for one member run one after another
                """ + RowLocks.lockIfPresent("m") + """
                RETURN m IS NOT NULL AS member, c IS NOT NULL AS community, home IS NOT NULL AS residence,
                       EXISTS { (c)-[:HAS_COMMITTEE]->(:CommunityCommittee)-[:HAS_GENERAL_BRANCH]->(:GeneralBranch)
                                -[:HAS_GRID_BRANCH]->(:GridBranch)-[:HAS_PARTY_GROUP]->(:PartyGroup)-[:HAS_MICRO_GRID]->(home) } AS inCommunity,
                       COLLECT { MATCH (r:Registration {activeMemberId: $memberId})-[:FOR_RESIDENCE]->(x:MicroGrid)
                                 RETURN {id: r.id, residenceId: x.id} }[0] AS active""")
                .bindAll(Map.of("memberId", memberId, "communityId", communityId, "residenceId", residenceId))
                .fetch().one().orElseThrow();
        Validation validation = new Validation()
                .require((Boolean) row.get("member"), "memberId", ErrorCode.MEMBER_NOT_FOUND, "找不到该党员。")
                .require((Boolean) row.get("community"), "communityId", ErrorCode.COMMUNITY_NOT_FOUND, "找不到该社区。")
                .require((Boolean) row.get("residence"), "residenceId", ErrorCode.RESIDENCE_NOT_FOUND, "找不到该住址（微网格）。");
        if (validation.ok()) {
            validation.require((Boolean) row.get("inCommunity"), "residenceId", ErrorCode.RESIDENCE_NOT_IN_COMMUNITY,
                    "该住址不属于所选社区：双报到须在实际居住地所在社区报到。");
        }
        validation.throwIfInvalid();
        @SuppressWarnings("unchecked")
        Map<String, Object> active = (Map<String, Object>) row.get("active");
        return active == null ? new Situation(null, null)
                : new Situation((String) active.get("id"), (String) active.get("residenceId"));
    }

    private record Situation(String activeId, String activeResidenceId) {
    }

    private Registration create(String memberId, String communityId, String residenceId, String channel) {
        String id = "REG-" + UUID.randomUUID();
        neo4j.query("""
                MATCH (m:Member {id: $memberId}), (c:Community {id: $communityId}), (home:MicroGrid {id: $residenceId})
                CREATE (r:Registration {id: $id, state: 'PENDING', channel: $channel, registeredAt: datetime(),
                                        activeMemberId: $memberId})
                CREATE (m)-[:REGISTERED]->(r), (r)-[:WITH_COMMUNITY]->(c), (r)-[:FOR_RESIDENCE]->(home)
                WITH m, r
                // report back to the member's unit party organisation (单位党组织)
                CALL (m, r) {
                  MATCH (m)-[:MEMBER_OF]->(o:UnitPartyOrg)
                  CREATE (r)-[:REPORTED_TO]->(o)
                  SET r.reportedAt = r.registeredAt
                }""")
                .bindAll(Map.of("id", id, "memberId", memberId, "communityId", communityId, "residenceId", residenceId,
                        "channel", channel))
                .run();
        return members.registration(id).orElseThrow();
    }

    /** Locks the registration, then checks it is still pending (a concurrent decision may have come first). */
    private void requirePending(String registrationId, String action) {
        String state = neo4j.query("""
                MATCH (r:Registration {id: $id})
                // the member first, then the registration: every registration mutation locks in this order
                OPTIONAL MATCH (r)<-[:REGISTERED]-(m:Member)
                """ + RowLocks.lockIfPresent("m") + """
                SET r.lockedAt = datetime()
                REMOVE r.lockedAt
                RETURN r.state AS state""").bind(registrationId).to("id")
                .fetchAs(String.class).one().orElseThrow(() ->
                        new UserInputException(ErrorCode.REGISTRATION_NOT_FOUND, "找不到该报到记录。"));
        if (!"PENDING".equals(state)) {
            throw new UserInputException(ErrorCode.INVALID_STATE_TRANSITION,
                    "只有待确认的报到可以" + action + "（当前状态：" + STATE_NAMES.getOrDefault(state, state) + "）。");
        }
    }

    private static void requireIds(String memberId, String communityId, String residenceId) {
        new Validation()
                .require(memberId != null && !memberId.isBlank(), "memberId", ErrorCode.MEMBER_NOT_FOUND, "找不到该党员。")
                .require(communityId != null && !communityId.isBlank(), "communityId", ErrorCode.COMMUNITY_NOT_FOUND, "找不到该社区。")
                .require(residenceId != null && !residenceId.isBlank(), "residenceId", ErrorCode.RESIDENCE_NOT_FOUND, "找不到该住址（微网格）。")
                .throwIfInvalid();
    }
}
