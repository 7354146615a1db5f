package cn.nantong.tongtongzai.request;

/** A resident's request was posted (sent once its transaction committed): the knowledge feature reads it. */
public record RequestPosted(String requestId, String text) {
}
