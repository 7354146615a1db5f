package cn.nantong.tongtongzai.task;

/**
 * 岗位 — a standing duty a community defines in one of the eight categories, e.g. 法律援助岗.
 *
 * @param codeSecret the secret its verification codes derive from ({@link PostCodes}); never shown
 */
public record ServicePost(String id, String name, String description, String categoryId, String communityId,
        boolean active, String codeSecret) {

    @Override
    public String toString() {
        return "ServicePost[id=" + id + ", name=" + name + ", active=" + active + "]";
    }
}
