package cn.nantong.tongtongzai.task;

import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/** {@code ServicePost.verificationCode}: the code of the current window, for the post's managers (AccessPolicy). */
@Controller
class ServicePostCodeController {

    private final PostCodes codes;

    ServicePostCodeController(PostCodes codes) {
        this.codes = codes;
    }

    @SchemaMapping(typeName = "ServicePost", field = "verificationCode")
    String verificationCode(ServicePost post) {
        return codes.current(post.codeSecret());
    }
}
