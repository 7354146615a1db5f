package cn.nantong.tongtongzai.member;

/**
 * The community confirmed or rejected a 双报到 registration (published inside the deciding transaction):
 * {@code state} is CONFIRMED or REJECTED, then with the {@code reason}.
 */
public record RegistrationDecided(String registrationId, String memberId, String state, String reason) {
}
