package cn.nantong.tongtongzai.member;

import java.util.List;

/** 在职党员 — an in-service party member; links (unit, residence, skills …) are loaded per field. */
public record Member(String id, String name, String gender, int birthYear, String phone, String occupation,
        List<String> interests, List<String> availability, List<String> roles) {
}
