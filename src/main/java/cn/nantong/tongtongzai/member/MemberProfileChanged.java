package cn.nantong.tongtongzai.member;

import java.util.List;

/**
 * Members were created or their profile changed (published inside the writing transaction): the knowledge
 * feature reads their occupation and interests and keeps the skills they imply up to date.
 */
public record MemberProfileChanged(List<String> memberIds) {
}
