package cn.nantong.tongtongzai.request;

/** A resident's request was posted (published inside its transaction): the knowledge feature classifies it before the commit. */
public record RequestPosted(String requestId, String text) {
}
