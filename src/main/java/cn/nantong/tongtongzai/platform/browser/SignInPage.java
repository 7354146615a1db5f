package cn.nantong.tongtongzai.platform.browser;

import org.springframework.web.util.HtmlUtils;

/**
 * The laptop's way into Neo4j Browser: the user name and the generated password to paste into the connect form,
 * and the link that opens it. Shown only to requests from this machine in the default profile.
 */
final class SignInPage {

    private SignInPage() {
    }

    static String html(String browserLink, String boltUri, String password) {
        return """
                <!DOCTYPE html>
                <html lang="zh-CN">
                <head><meta charset="utf-8"><title>Neo4j Browser 登录</title>
                <style>body{font-family:sans-serif;max-width:40em;margin:3em auto;line-height:1.6}
                code{background:#eee;padding:.2em .4em;font-size:1.1em;user-select:all}</style></head>
                <body>
                <h1>Neo4j Browser 登录</h1>
                <p>本机的嵌入式数据库需要密码（仅在本机、默认配置下显示）。</p>
                <p>连接地址 / Connect URL：<code>%s</code><br>
                用户名 / Username：<code>neo4j</code><br>
                密码 / Password：<code id="password">%s</code></p>
                <p>复制密码，打开 Neo4j Browser，粘贴到 Password 后按 Connect。</p>
                <p><a href="%s">打开 Neo4j Browser / Open Neo4j Browser</a></p>
                </body>
                </html>
                """.formatted(HtmlUtils.htmlEscape(boltUri), HtmlUtils.htmlEscape(password), HtmlUtils.htmlEscape(browserLink));
    }
}
