package cn.nantong.tongtongzai.platform.console;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import cn.nantong.tongtongzai.platform.security.Role;
import cn.nantong.tongtongzai.support.DemoService;
import cn.nantong.tongtongzai.support.HeadlessChromium;
import cn.nantong.tongtongzai.support.TestTokens;

/**
 * The console (/console/, /m/) in a real headless Chromium that can reach nothing but this machine, against the
 * service as {@code mvn spring-boot:run} starts it (embedded database, demo data), one service for every test here.
 * Each test signs in as a demo user and does that person's work through the screens; what the screens show is
 * compared with what the public API answers the same user. Any request to another host, and any console error
 * (a Content-Security-Policy refusal among them), fails the test. Screenshots go to target/console-screenshots, or
 * where {@code -Dconsole.screenshots} says: {@code -Dconsole.screenshots=docs/console} retakes the README's.
 */
class ConsoleTest {

    private static final Path SCREENSHOTS = Path.of(System.getProperty("console.screenshots", "target/console-screenshots"));
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern ASSET = Pattern.compile("(?:src|href)=\"([^\"]+)\"");

    static HeadlessChromium chromium;
    static String base;
    static HttpClient http = HttpClient.newHttpClient();
    static Map<String, String> tokens;

    @BeforeAll
    static void serviceAndBrowser() throws Exception {
        chromium = HeadlessChromium.shared(); // first: without Chromium, fail at once with the install hint
        // 2 cores shared with the service and the suite: a first query may take a while
        PlaywrightAssertions.setDefaultAssertionTimeout(60_000);
        base = DemoService.base();
        tokens = new java.util.HashMap<>();
        for (JsonNode token : JSON.readTree(get("/console/demo-tokens").body())) {
            tokens.put(token.get("name").asString(), token.get("token").asString());
        }
        Files.createDirectories(SCREENSHOTS);
    }

    @Test
    void thePagesAndTheirFilesNeedNoTokenTheApiStillDoes() throws Exception {
        for (String page : new String[] {"/console/", "/m/"}) {
            HttpResponse<String> response = get(page);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Security-Policy")).contains(ConsolePages.CONTENT_SECURITY_POLICY);
            for (String asset : ASSET.matcher(response.body()).results().map(match -> match.group(1))
                    .filter(asset -> !asset.equals("data:,")).toList()) { // an empty icon: no request for /favicon.ico
                assertThat(asset).startsWith("/console/assets/");
                assertThat(get(asset).statusCode()).as(asset).isEqualTo(200);
            }
        }
        assertThat(get("/webjars/vue/dist/vue.runtime.esm-browser.prod.js").statusCode()).isEqualTo(200);
        assertThat(get("/webjars/echarts/dist/echarts.esm.min.js").statusCode()).isEqualTo(200);
        assertThat(ConsolePages.CONTENT_SECURITY_POLICY).doesNotContain("http", "*", "unsafe");

        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(base + "/graphql"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ viewer { id } }\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    @Test
    void aCommunitySecretarySeesTheCommunitysFiguresTrendGridsAndGapsAndExportsThem() throws Exception {
        JsonNode figures = api("community-secretary", """
                { figures(scope: COMMUNITY, id: "320613001001") { reportingRate registered roster children { name } } }""")
                .get("figures");
        try (HeadlessChromium.Tab tab = chromium.open(1366, 768)) {
            Page page = signIn(tab, "/console/", "community-secretary");
            assertThat(page.locator("nav.side a")).hasText(new String[] {"工作概览", "居民需求", "任务", "智能匹配", "应急动员", "评价与约谈", "报到审核", "党员", "居民"});

            Locator dashboard = page.locator(".dashboard[data-ready=true]");
            assertThat(dashboard).isVisible();
            assertThat(page.locator("h1")).hasText("德民社区 · 工作概览");
            assertThat(page.locator("[data-figure=reportingRate] .figure-value")).hasText(percent(figures.get("reportingRate")));
            assertThat(page.locator("[data-figure=reportingRate] .figure-detail"))
                    .hasText("已报到 " + figures.get("registered").asInt() + " / 应报到 " + figures.get("roster").asInt());
            Locator grids = page.locator("table[aria-label=各网格指标] tbody tr");
            assertThat(grids).hasCount(figures.get("children").size());
            assertThat(grids.first()).containsText(figures.get("children").get(0).get("name").asString());
            assertThat(page.locator("canvas")).hasCount(3); // hours, 12-month trend, grids side by side
            assertThat(page.locator("section[aria-label=能力缺口] h2")).containsText("能力缺口");
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("dashboard-community.png")).setFullPage(true));

            for (String button : new String[] {"导出本月数据（Excel）", "约谈名单（Excel）", "评优推荐（Excel）"}) {
                Download download = page.waitForDownload(() -> page.getByText(button).click());
                assertThat(download.failure()).as(button).isNull();
                assertThat(download.suggestedFilename()).as(button).endsWith(".xlsx");
                // a zip: an .xlsx, not an error page
                assertThat(Files.readAllBytes(download.path())).as(button).startsWith('P', 'K');
            }
            assertThat(page.locator("[role=alert]")).hasCount(0);

            assertQuiet(tab);
        }
    }

    @Test
    void aStreetAdministratorComparesTheStreetsCommunitiesAndOpensOne() {
        try (HeadlessChromium.Tab tab = chromium.open(1366, 768)) {
            Page page = signIn(tab, "/console/", "street-admin");
            assertThat(page.locator("nav.side a")).hasText(new String[] {"工作概览", "党员", "居民"}); // no registration queue
            assertThat(page.locator(".dashboard[data-ready=true]")).isVisible();
            assertThat(page.locator("h1")).hasText("城东街道 · 工作概览");
            assertThat(page.locator("table[aria-label=各社区指标] tbody tr")).hasCount(10);
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("dashboard-street.png")).setFullPage(true));

            page.locator("table[aria-label=各社区指标]").getByText("德民社区", new Locator.GetByTextOptions().setExact(true)).click();
            assertThat(page.locator("h1")).hasText("德民社区 · 工作概览");
            assertThat(page.locator(".dashboard[data-ready=true]")).isVisible();
            assertThat(page.locator("table[aria-label=各网格指标] tbody tr")).not().hasCount(0);

            assertQuiet(tab);
        }
    }

    @Test
    void theRegistrationQueueConfirmsOneAndRejectsAnotherOnlyWithAReason() throws Exception {
        JsonNode queue = api("community-secretary", """
                { registrations(filter: { communityId: "320613001001", state: PENDING }, first: 2) {
                    totalCount edges { node { id member { name } } } } }""").get("registrations");
        assertThat(queue.get("totalCount").asInt()).as("pending registrations in the demo data").isGreaterThanOrEqualTo(2);
        String first = queue.get("edges").get(0).get("node").get("id").asString();
        String firstName = queue.get("edges").get(0).get("node").get("member").get("name").asString();
        String second = queue.get("edges").get(1).get("node").get("id").asString();
        String secondName = queue.get("edges").get(1).get("node").get("member").get("name").asString();
        try (HeadlessChromium.Tab tab = chromium.open(1366, 768)) {
            Page page = signIn(tab, "/console/", "community-secretary");
            page.locator("nav.side").getByText("报到审核").click();
            assertThat(page.locator(".registrations .period")).hasText("待确认 " + queue.get("totalCount").asInt() + " 人（先到先审）");
            Locator rows = page.locator("table[aria-label=待确认的报到] tbody tr");
            assertThat(rows.first()).containsText(firstName);
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("registrations.png")));

            rows.first().getByText("确认", new Locator.GetByTextOptions().setExact(true)).click();
            assertThat(page.locator(".done")).containsText(firstName + "：已确认报到");
            assertThat(state(first)).isEqualTo("CONFIRMED");

            Locator row = rows.filter(new Locator.FilterOptions().setHasText(secondName));
            row.getByText("驳回", new Locator.GetByTextOptions().setExact(true)).click();
            row.getByLabel("驳回理由").fill("否");
            row.getByText("确认驳回").click();
            assertThat(page.locator("[role=alert]")).containsText("INVALID_REASON");
            assertThat(state(second)).as("a refused rejection changes nothing").isEqualTo("PENDING");

            row.getByLabel("驳回理由").fill("所填楼栋不在本社区，请核对住址后重新报到");
            row.getByText("确认驳回").click();
            assertThat(page.locator(".done")).containsText(secondName + "：已驳回");
            assertThat(rows.filter(new Locator.FilterOptions().setHasText(secondName))).hasCount(0);
            assertThat(state(second)).isEqualTo("REJECTED");

            assertQuiet(tab);
        }
    }

    @Test
    void theRequestInboxShowsTheClassificationAndCorrectsMergesAcceptsAndRejects() throws Exception {
        String lamp = post("楼道灯坏了好几天，晚上上下楼很不方便", "HIGH");
        String sameLamp = post("楼道灯不亮", "NORMAL");
        String sales = post("小区门口天天有人摆摊卖东西", "LOW");
        try (HeadlessChromium.Tab tab = chromium.open(1366, 768)) {
            Page page = signIn(tab, "/console/", "community-secretary");
            page.locator("nav.side").getByText("居民需求").click();
            Locator requests = page.locator("article.request");
            assertThat(requests.first()).containsText("紧急"); // the demo data's urgent request before the three new ones
            Locator lampCard = page.locator("article[data-request=" + lamp + "]");
            Locator sameLampCard = page.locator("article[data-request=" + sameLamp + "]");
            Locator salesCard = page.locator("article[data-request=" + sales + "]");
            JsonNode classification = api("community-secretary", "{ request(id: \"" + lamp
                    + "\") { classification { skills { skill { name } words } } } }").get("request").get("classification");
            JsonNode best = classification.get("skills").get(0);
            assertThat(lampCard.locator(".skills li").first())
                    .hasText(best.get("skill").get("name").asString() + "（" + String.join("、", best.get("words").valueStream()
                            .map(JsonNode::asString).toList()) + "）");
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("inbox.png")).setFullPage(true));

            sameLampCard.getByText("更正分类").click();
            sameLampCard.locator("select").selectOption(new String[] {"plumbing_electrical"});
            sameLampCard.getByText("保存分类").click();
            assertThat(sameLampCard.locator(".needed")).hasText("所需技能：水电维修");
            assertThat(api("community-secretary", "{ request(id: \"" + sameLamp + "\") { neededSkills { id } } }")
                    .get("request").get("neededSkills").get(0).get("id").asString()).isEqualTo("plumbing_electrical");

            sameLampCard.getByText("合并", new Locator.GetByTextOptions().setExact(true)).click();
            sameLampCard.getByLabel("合并到").selectOption(lamp);
            sameLampCard.locator("button[type=submit]").click();
            assertThat(sameLampCard).hasCount(0);
            assertThat(requestState(sameLamp)).isEqualTo("MERGED");

            lampCard.getByText("受理为任务").click();
            lampCard.getByLabel("任务名称").fill("更换楼道灯");
            lampCard.getByText("受理", new Locator.GetByTextOptions().setExact(true)).click();
            assertThat(page.locator(".done")).containsText("已受理，生成任务草稿「更换楼道灯」");
            JsonNode accepted = api("community-secretary", "{ request(id: \"" + lamp + "\") { state task { title state } } }")
                    .get("request");
            assertThat(accepted.get("state").asString()).isEqualTo("ACCEPTED");
            assertThat(accepted.get("task").get("state").asString()).isEqualTo("DRAFT");

            salesCard.getByText("驳回", new Locator.GetByTextOptions().setExact(true)).click();
            salesCard.getByLabel("驳回理由").fill("否");
            salesCard.getByText("确认驳回").click();
            assertThat(page.locator("[role=alert]")).containsText("INVALID_REASON");
            assertThat(requestState(sales)).as("a refused rejection changes nothing").isEqualTo("SUBMITTED");
            salesCard.getByLabel("驳回理由").fill("摆摊请联系城管，社区已转告");
            salesCard.getByText("确认驳回").click();
            assertThat(salesCard).hasCount(0);
            assertThat(requestState(sales)).isEqualTo("REJECTED");

            assertQuiet(tab);
        }
    }

    /** The demo resident posts a request through the API, as /m/ will. */
    private static String post(String text, String urgency) throws Exception {
        return api("resident", "mutation { postRequest(input: { residentId: \"R000468\", text: \"" + text + "\", urgency: "
                + urgency + " }) { request { id } } }").get("postRequest").get("request").get("id").asString();
    }

    private static String requestState(String request) throws Exception {
        return api("community-secretary", "{ request(id: \"" + request + "\") { state } }").get("request").get("state").asString();
    }

    @Test
    void aSecretaryDraftsATaskAndPublishesItShowingTheCheckInCode() throws Exception {
        try (HeadlessChromium.Tab tab = chromium.open(1366, 768)) {
            Page page = signIn(tab, "/console/", "community-secretary");
            page.locator("nav.side").getByText("任务", new Locator.GetByTextOptions().setExact(true)).click();
            page.getByText("新建任务").click();
            page.getByLabel("任务名称").fill("周末助老理发");
            page.getByText("保存草稿").click();
            // neither skills nor a category: refused, nothing saved
            assertThat(page.locator("[role=alert]")).containsText("SKILL_OR_CATEGORY_REQUIRED");
            page.getByLabel("所需技能").selectOption("elderly_care");
            page.getByText("保存草稿").click();
            assertThat(page.locator(".done")).hasText("已保存草稿「周末助老理发」");

            Locator row = page.locator("table[aria-label=社区任务] tbody tr").filter(new Locator.FilterOptions().setHasText("周末助老理发"));
            assertThat(row).hasCount(1);
            assertThat(row).containsText("草稿");
            row.getByText("发布").click();
            assertThat(page.locator(".done")).containsText("已发布「周末助老理发」，签到核验码 ");

            JsonNode task = api("community-secretary", """
                    { tasks(filter: { communityId: "320613001001", search: "周末助老理发" }, first: 2) {
                        edges { node { id state verificationCode skills { id } } } } }""").get("tasks").get("edges");
            assertThat(task.size()).as("one task saved, the refused one not").isEqualTo(1);
            JsonNode saved = task.get(0).get("node");
            assertThat(saved.get("state").asString()).isEqualTo("PUBLISHED");
            assertThat(saved.get("skills").get(0).get("id").asString()).isEqualTo("elderly_care");
            assertThat(page.locator(".done")).hasText("已发布「周末助老理发」，签到核验码 " + saved.get("verificationCode").asString());
            assertThat(row.locator(".code")).hasText(saved.get("verificationCode").asString());
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("tasks.png")));

            // published: only the name, description and headcount can change — the time is fixed for who claimed it
            row.getByText("修改").click();
            assertThat(page.getByLabel("开始")).isDisabled();
            page.getByLabel("人数").fill("3");
            page.getByLabel("说明").fill("理发师自带工具");
            page.getByText("保存修改").click();
            assertThat(page.locator(".done")).hasText("已保存「周末助老理发」");
            assertThat(row).containsText("0 / 3");

            // the organiser's QR code: what the screen draws decodes to the code the API gives
            row.getByText("二维码").click();
            Locator qr = page.locator("section[aria-label=签到二维码] img");
            assertThat(qr).isVisible();
            assertThat(decodeQr(qr.screenshot())).as("a link a phone's camera opens, the code in it")
                    .isEqualTo(base + "/m/#/check-in?task=" + saved.get("id").asString() + "&code=" + saved.get("verificationCode").asString());
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("task-qr.png")));

            // only who may read the code gets its QR: not a member, not another community's secretary, not anonymous
            String qrPath = "/tasks/" + saved.get("id").asString() + "/check-in-code.svg";
            assertThat(get(qrPath, "Bearer " + tokens.get("community-secretary")).statusCode()).isEqualTo(200);
            HttpResponse<String> member = get(qrPath, "Bearer " + tokens.get("member"));
            assertThat(member.statusCode()).isEqualTo(403);
            assertThat(member.body()).contains("FORBIDDEN").doesNotContain("<svg");
            HttpResponse<String> foreign = get(qrPath, TestTokens.bearer(TestTokens.user("secretary-of-002",
                    Role.COMMUNITY_SECRETARY, TestTokens.Scope.none().community("320613001002"))));
            assertThat(foreign.statusCode()).isEqualTo(404);
            assertThat(foreign.body()).contains("NOT_FOUND").doesNotContain("<svg");
            assertThat(get(qrPath).statusCode()).isEqualTo(401);
            String draft = api("community-secretary", """
                    mutation { createTask(input: { communityId: "320613001001", title: "草稿任务", kind: MICRO_SERVICE, difficulty: 1,
                      headcount: 1, startsAt: "2026-12-20T09:00", endsAt: "2026-12-20T10:00", skillIds: ["elderly_care"] }) { task { id } } }""")
                    .get("createTask").get("task").get("id").asString();
            HttpResponse<String> noCodeYet = get("/tasks/" + draft + "/check-in-code.svg", "Bearer " + tokens.get("community-secretary"));
            assertThat(noCodeYet.statusCode()).isEqualTo(400);
            assertThat(noCodeYet.body()).contains("TASK_NOT_IN_SERVICE");

            // cancelled with a reason; without one it is refused and stays published
            page.getByText("关闭").click();
            row.getByText("取消任务").click();
            row.getByText("确认取消").click();
            assertThat(page.locator("[role=alert]")).containsText("INVALID_REASON");
            row.getByLabel("取消原因").fill("理发师临时有事");
            row.getByText("确认取消").click();
            assertThat(page.locator(".done")).hasText("已取消「周末助老理发」，已认领的名额已释放");
            assertThat(row).containsText("已取消");
            JsonNode after = api("community-secretary", "query($id: ID!) { task(id: $id) { state headcount description } }",
                    Map.of("id", saved.get("id").asString())).get("task");
            assertThat(after.get("state").asString()).isEqualTo("CANCELLED");
            assertThat(after.get("headcount").asInt()).isEqualTo(3);
            assertThat(after.get("description").asString()).isEqualTo("理发师自带工具");

            assertQuiet(tab);
        }
    }

    @Test
    void aSecretaryAssignsARecommendedMemberAndAcceptsOrRejectsAMatchingJobsProposalsSeatBySeat() throws Exception {
        OffsetDateTime evening = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(2).withHour(19).withMinute(0).withSecond(0).withNano(0);
        String stairs = publish("楼道清扫", 2, evening);
        String clutter = publish("清理杂物", 1, evening.plusDays(1));
        JsonNode ranked = api("community-secretary", """
                query($id: ID!) { recommendMembers(taskId: $id, first: 10) { feasible member { id name } reasons { kind text } } }""",
                Map.of("id", stairs)).get("recommendMembers");
        assertThat(ranked.valueStream().filter(r -> r.get("feasible").asBoolean()).count())
                .as("the demo data has cleaners free that evening").isGreaterThanOrEqualTo(2);
        JsonNode best = ranked.get(0);
        String bestName = best.get("member").get("name").asString();
        try (HeadlessChromium.Tab tab = chromium.open(1366, 768)) {
            Page page = signIn(tab, "/console/#/matching", "community-secretary"); // straight there, not via the dashboard
            page.getByLabel("任务", new Page.GetByLabelOptions().setExact(true)).selectOption(stairs);
            Locator rows = page.locator("table[aria-label=推荐党员] tbody tr");
            assertThat(rows).hasCount(ranked.size());
            assertThat(rows.first()).containsText(bestName);
            assertThat(rows.first()).containsText("符合");
            assertThat(rows.first()).containsText(best.get("reasons").get(0).get("text").asString());
            for (int i = 0; i < ranked.size(); i++) { // what breaks a rule is said first
                JsonNode r = ranked.get(i);
                if (!r.get("feasible").asBoolean()) {
                    assertThat(rows.nth(i)).containsText("违反规则");
                    assertThat(rows.nth(i).locator(".reasons li").first()).hasText("✗ 违反：" + r.get("reasons").get(0).get("text").asString());
                    break;
                }
            }

            rows.first().getByText("指派").click();
            assertThat(page.locator(".done")).hasText("已指派 " + bestName + " 参加「楼道清扫」");
            assertThat(claims(stairs)).containsExactly(best.get("member").get("id").asString() + ":ASSIGNED");
            assertThat(rows.filter(new Locator.FilterOptions().setHasText(bestName))).hasCount(0); // holds a seat now

            // a matching job for the community: the stairs' other seat accepted, the clutter left out, the rest discarded
            page.getByText("运行匹配").click();
            Locator status = page.locator("section[aria-label=社区匹配方案] .job-status");
            assertThat(status).hasAttribute("data-status", "COMPLETED");
            Locator proposals = page.locator("table[aria-label=匹配方案] tbody tr");
            Locator stairsSeat = proposals.filter(new Locator.FilterOptions().setHasText("楼道清扫"));
            Locator clutterSeat = proposals.filter(new Locator.FilterOptions().setHasText("清理杂物"));
            assertThat(stairsSeat).hasCount(1);
            assertThat(clutterSeat).hasCount(1);
            assertThat(stairsSeat).not().containsText(bestName);
            String proposed = stairsSeat.locator("td").nth(1).innerText();
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("matching-job.png")).setFullPage(true));

            stairsSeat.getByText("采纳", new Locator.GetByTextOptions().setExact(true)).click();
            assertThat(stairsSeat).containsText("已采纳");
            assertThat(page.locator(".done")).hasText("已采纳：" + proposed + " 参加「楼道清扫」");
            java.util.regex.Matcher filled = java.util.regex.Pattern.compile("已安排 (\\d+) / (\\d+)").matcher(status.innerText());
            assertThat(filled.find()).isTrue();
            clutterSeat.getByText("不采纳").click();
            assertThat(clutterSeat).containsText("不采纳（名额保持空缺）");
            assertThat(status).containsText("已安排 " + (Integer.parseInt(filled.group(1)) - 1) + " / " + filled.group(2)); // open again
            page.getByText("放弃其余方案").click();
            assertThat(status).hasAttribute("data-status", "DISCARDED");

            assertThat(claims(stairs)).hasSize(2).contains(best.get("member").get("id").asString() + ":ASSIGNED")
                    .anyMatch(claim -> claim.endsWith(":MATCHING"));
            assertThat(claims(clutter)).as("a seat left out is not claimed").isEmpty();
            assertThat(page.locator("[role=alert]")).hasCount(0);
            assertQuiet(tab);
        }
    }

    @Test
    void aSecretaryPublishesAnEmergencyAndAcceptsATeamProposedLiveThenSeesWhoConfirmed() throws Exception {
        try (HeadlessChromium.Tab tab = chromium.open(1366, 768)) {
            Page page = signIn(tab, "/console/#/emergency", "community-secretary");
            page.getByText("开启实时匹配").click();
            assertThat(page.locator(".live-status")).hasAttribute("data-status", "LIVE");

            page.getByLabel("任务名称").fill("暴雨积水排涝");
            page.getByLabel("所需技能").selectOption("plumbing_electrical");
            page.getByLabel("帮扶助困功能型党小组").check();
            page.getByText("发布", new Page.GetByTextOptions().setExact(true)).click();
            assertThat(page.locator(".done")).containsText("已发布应急任务「暴雨积水排涝」");
            assertThat(page.locator(".offers")).containsText("「暴雨积水排涝」"); // emergencyOffers, live

            // the live job's proposal arrives on its own (matchingProposals): nothing is clicked or reloaded
            Locator proposal = page.locator("table[aria-label=组团方案] tbody tr").filter(new Locator.FilterOptions().setHasText("暴雨积水排涝"));
            assertThat(proposal).containsText("帮扶助困功能型党小组");
            assertThat(proposal).containsText("具备所需技能");
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("emergency.png")).setFullPage(true));
            proposal.getByText("采纳").click();
            assertThat(proposal).containsText("已采纳");

            JsonNode task = api("community-secretary", """
                    { tasks(filter: { communityId: "320613001001", kind: EMERGENCY, search: "暴雨积水排涝" }, first: 2) {
                        edges { node { id teamClaims { id source team { ... on FunctionalGroup { id } } } } } } }""")
                    .get("tasks").get("edges");
            assertThat(task.size()).isEqualTo(1);
            JsonNode teamClaim = task.get(0).get("node").get("teamClaims").get(0);
            assertThat(teamClaim.get("source").asString()).isEqualTo("MATCHING");
            assertThat(teamClaim.get("team").get("id").asString()).isEqualTo("320613001001-GN4");
            Locator row = page.locator("table[aria-label=应急任务] tbody tr").filter(new Locator.FilterOptions().setHasText("暴雨积水排涝"));
            assertThat(row).containsText("帮扶助困功能型党小组：等待党员确认");

            // a member of the group confirms (on their phone; here through the API), and the secretary sees it at once
            JsonNode member = api("community-secretary", """
                    { members(filter: { functionalGroupId: "320613001001-GN4", skillId: "plumbing_electrical" }, first: 1) {
                        edges { node { id name } } } }""").get("members").get("edges").get(0).get("node");
            api("community-secretary", "mutation($tc: ID!, $m: ID!) { confirmTeamClaim(input: { teamClaimId: $tc, memberId: $m }) { claim { id } } }",
                    Map.of("tc", teamClaim.get("id").asString(), "m", member.get("id").asString()));
            assertThat(page.locator(".confirmations")).hasText("刚刚确认：" + member.get("name").asString() + "（帮扶助困功能型党小组）确认参加「暴雨积水排涝」");
            assertThat(row).containsText("帮扶助困功能型党小组：已确认 " + member.get("name").asString()); // no 刷新 needed
            assertThat(row).containsText("1 / 5");

            page.getByText("停止实时匹配").click();
            assertThat(page.locator(".live-status")).hasAttribute("data-status", "STOPPED");
            assertThat(page.locator("[role=alert]")).hasCount(0);
            assertQuiet(tab);
        }
    }

    @Test
    void theEvaluationDeskRatesAServiceRecordsMeetingsEntriesAndInterviewsAndResolvesAProblem() throws Exception {
        // a completed task whose one claim the community has not rated yet, and a joint meeting with an open problem
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(5).withHour(10).withMinute(0).withSecond(0).withNano(0);
        String task = publish("助老理发回访", 1, start);
        String claim = api("community-secretary", "mutation($id: ID!) { assignTask(input: { taskId: $id, memberId: \"M000209\" }) { claim { id member { name } } } }",
                Map.of("id", task)).get("assignTask").get("claim").get("id").asString();
        for (String step : new String[] {"startTask", "completeTask"}) {
            api("community-secretary", "mutation($id: ID!) { " + step + "(input: { taskId: $id }) { task { state } } }", Map.of("id", task));
        }
        JsonNode meeting = api("community-secretary", """
                mutation { recordJointMeeting(input: { communityId: "320613001001", title: "临时联席会议", heldOn: "2026-12-01",
                  problems: [{ description: "楼道堆物清理难", ownerId: "320613001001" }] }) { meeting { id problems { id } } } }""")
                .get("recordJointMeeting").get("meeting");
        String problem = meeting.get("problems").get(0).get("id").asString();
        JsonNode interviews = api("community-secretary", "query($year: Int!) { interviewList(year: $year, communityId: \"320613001001\", first: 50) { edges { node { member { name } } } } }",
                Map.of("year", OffsetDateTime.now(ZoneOffset.ofHours(8)).getYear())).get("interviewList").get("edges");
        try (HeadlessChromium.Tab tab = chromium.open(1366, 768)) {
            Page page = signIn(tab, "/console/#/evaluation", "community-secretary");
            Locator rows = page.locator("table[aria-label=约谈名单] tbody tr");
            assertThat(rows).hasCount(Math.max(1, interviews.size())); // an empty list shows one row saying so
            if (!interviews.isEmpty()) {
                assertThat(rows.first()).containsText(interviews.get(0).get("node").get("member").get("name").asString());
            }
            Locator toRate = page.locator("table[aria-label=待评价的服务] tbody tr").filter(new Locator.FilterOptions().setHasText("助老理发回访"));
            assertThat(toRate).hasCount(1);
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("evaluation.png")).setFullPage(true));

            toRate.getByLabel("评分").selectOption("4");
            toRate.getByLabel("评语").fill("准时到场，老人满意");
            toRate.getByText("评价", new Locator.GetByTextOptions().setExact(true)).click();
            assertThat(page.locator(".done")).containsText("已评价：");
            assertThat(toRate).hasCount(0);
            JsonNode rating = api("community-secretary", "query($id: ID!) { claim(id: $id) { evaluations { raterRole score comment } } }",
                    Map.of("id", claim)).get("claim").get("evaluations").get(0);
            assertThat(rating.get("raterRole").asString()).isEqualTo("COMMUNITY");
            assertThat(rating.get("score").asInt()).isEqualTo(4);
            assertThat(rating.get("comment").asString()).isEqualTo("准时到场，老人满意");

            Locator open = page.locator("li[data-problem=" + problem + "]");
            open.getByText("已解决").click(); // without saying how: refused, nothing changes
            assertThat(page.locator("[role=alert]")).containsText("INVALID_REASON");
            open.getByLabel("解决情况").fill("已协调物业清理完毕");
            open.getByText("已解决").click();
            assertThat(open).containsText("已解决：已协调物业清理完毕");
            assertThat(api("community-secretary", "query($id: ID!) { jointMeeting(id: $id) { problems { state resolution } } }",
                    Map.of("id", meeting.get("id").asString())).get("jointMeeting").get("problems").get(0).get("state").asString())
                    .isEqualTo("RESOLVED");
            recordsAMeeting(page);
            recordsANegativeEntryAndTheInterviewItBrings(page, rows, interviews);

            assertQuiet(tab);
        }
    }

    private static void recordsAMeeting(Page page) {
        page.getByText("记录联席会议").click();
        Locator form = page.locator("form[aria-label=记录联席会议]");
        form.getByLabel("会议名称").fill("十二月联席会议");
        form.getByLabel("问题 1", new Locator.GetByLabelOptions().setExact(true)).fill("小区停车难");
        form.getByText("增加问题").click();
        form.getByLabel("问题 2", new Locator.GetByLabelOptions().setExact(true)).fill("电动车充电桩不足");
        form.getByLabel("问题 2 责任单位").selectOption(new com.microsoft.playwright.options.SelectOption().setIndex(1));
        form.getByText("保存会议记录").click();
        assertThat(page.locator(".done")).hasText("已记录联席会议「十二月联席会议」（2 个问题）");
        Locator meeting = page.locator("article.meeting").filter(new Locator.FilterOptions().setHasText("十二月联席会议"));
        assertThat(meeting.locator("li")).hasCount(2);
        assertThat(meeting.locator("li").nth(1)).containsText("电动车充电桩不足");
        assertThat(meeting.locator("li").nth(1)).containsText("待解决");
    }

    /** A negative-list entry puts a member on the year's interview list; the interview and its follow-up are recorded; the entry revoked. */
    private static void recordsANegativeEntryAndTheInterviewItBrings(Page page, Locator interviewRows, JsonNode interviews) throws Exception {
        java.util.Set<String> listed = interviews.valueStream().map(e -> e.get("node").get("member").get("name").asString())
                .collect(java.util.stream.Collectors.toSet());
        JsonNode member = api("community-secretary", """
                { members(filter: { communityId: "320613001001", registrationState: CONFIRMED }, first: 50) { edges { node { id name } } } }""")
                .get("members").get("edges").valueStream().map(e -> e.get("node"))
                .filter(m -> !listed.contains(m.get("name").asString())).findFirst().orElseThrow();
        String name = member.get("name").asString();
        page.getByText("记入负面清单").click();
        Locator form = page.locator("form[aria-label=记入负面清单]");
        form.getByLabel("党员姓名").fill(name);
        form.getByLabel("党员", new Locator.GetByLabelOptions().setExact(true)).selectOption(member.get("id").asString());
        form.getByLabel("情形").fill("无故缺席社区报到活动三次");
        form.getByText("确认记入").click();
        assertThat(page.locator(".done")).hasText("已将 " + name + " 记入负面清单");
        Locator entry = page.locator("table[aria-label=负面清单] tbody tr").filter(new Locator.FilterOptions().setHasText("无故缺席社区报到活动三次"));
        assertThat(entry).hasCount(1);

        Locator row = interviewRows.filter(new Locator.FilterOptions().setHasText(name));
        assertThat(row).containsText("负面清单所列情形");
        row.getByText("记录约谈").click();
        Locator interview = page.locator("form[aria-label=约谈记录]");
        interview.getByLabel("约谈人").fill("王"); // too short: refused, nothing recorded
        interview.getByLabel("约谈结果").selectOption("IMPROVEMENT_PLAN");
        interview.getByLabel("跟进日期").fill(java.time.LocalDate.now(ZoneOffset.ofHours(8)).plusDays(30).toString());
        interview.getByLabel("约谈记录").fill("说明缺席原因，承诺按时参加活动");
        interview.getByText("保存约谈记录").click();
        assertThat(interview.locator("[role=alert]")).containsText("INVALID_INTERVIEWER");
        interview.getByLabel("约谈人").fill("社区党委书记 李某");
        interview.getByText("保存约谈记录").click();
        assertThat(page.locator(".done")).hasText("已记录 " + name + " 的约谈（限期整改）");
        assertThat(row).containsText("跟进日期");
        row.getByLabel("跟进情况").fill("已按时参加两次活动");
        row.getByText("跟进完成").click();
        assertThat(row).containsText("已跟进：已按时参加两次活动");
        JsonNode recorded = api("community-secretary", "query($id: ID!) { member(id: $id) { interviews { outcome interviewer followUpDone } } }",
                Map.of("id", member.get("id").asString())).get("member").get("interviews").get(0);
        assertThat(recorded.get("outcome").asString()).isEqualTo("IMPROVEMENT_PLAN");
        assertThat(recorded.get("interviewer").asString()).isEqualTo("社区党委书记 李某");
        assertThat(recorded.get("followUpDone").asBoolean()).isTrue();

        entry.getByLabel("撤销理由").fill("已说明情况并整改");
        entry.getByText("撤销").click();
        assertThat(entry).containsText("已撤销：已说明情况并整改");
    }

    /** Nothing asked of another host (a city intranet), nothing logged as an error in the page. */
    private static void assertQuiet(HeadlessChromium.Tab tab) {
        assertThat(tab.outsideRequests()).as("requests to other hosts").isEmpty();
        assertThat(tab.consoleErrors()).as("console errors").isEmpty();
    }

    /** A published task of 德民社区 for members who clean, two hours from {@code start}. */
    private static String publish(String title, int headcount, OffsetDateTime start) throws Exception {
        String id = api("community-secretary", """
                mutation($title: String!, $headcount: Int!, $start: DateTime!, $end: DateTime!) { createTask(input: {
                  communityId: "320613001001", title: $title, kind: MICRO_SERVICE, difficulty: 1, headcount: $headcount,
                  startsAt: $start, endsAt: $end, skillIds: ["cleaning"] }) { task { id } } }""",
                Map.of("title", title, "headcount", headcount, "start", start.toString(), "end", start.plusHours(2).toString()))
                .get("createTask").get("task").get("id").asString();
        api("community-secretary", "mutation($id: ID!) { publishTask(input: { taskId: $id }) { task { id } } }", Map.of("id", id));
        return id;
    }

    /** The task's active claims as member:source. */
    private static java.util.List<String> claims(String task) throws Exception {
        return api("community-secretary", "query($id: ID!) { task(id: $id) { claims { source member { id } } } }", Map.of("id", task))
                .get("task").get("claims").valueStream()
                .map(claim -> claim.get("member").get("id").asString() + ":" + claim.get("source").asString()).toList();
    }

    @Test
    void aMemberClaimsATaskOnThePhoneAndChecksInAndOutWithTheOrganisersCode() throws Exception {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0);
        JsonNode task = api("community-secretary", """
                mutation($start: DateTime!, $end: DateTime!) { createTask(input: { communityId: "320613001001",
                  title: "陪同老人就医", kind: MICRO_SERVICE, difficulty: 1, headcount: 2, startsAt: $start, endsAt: $end,
                  skillIds: ["elderly_care"] }) { task { id } } }""",
                Map.of("start", now.minusMinutes(30).toString(), "end", now.plusHours(2).toString())).get("createTask").get("task");
        String taskId = task.get("id").asString();
        String code = api("community-secretary", "mutation($id: ID!) { publishTask(input: { taskId: $id }) { task { verificationCode } } }",
                Map.of("id", taskId)).get("publishTask").get("task").get("verificationCode").asString();
        // the secretary puts the member on another task: a message in their inbox
        api("community-secretary", "mutation($id: ID!) { assignTask(input: { taskId: $id, memberId: \"M000209\" }) { claim { id } } }",
                Map.of("id", publish("社区活动室值班", 1, now.plusDays(4))));
        try (HeadlessChromium.Tab tab = chromium.open(390, 844)) {
            Page page = tab.page();
            page.navigate(base + "/m/");
            assertThat(page.locator("button[data-user=community-secretary]")).hasCount(0); // the phone offers its roles only
            page.locator("button[data-user=member]").click();
            Locator offered = page.locator("article[data-task=" + taskId + "]");
            assertThat(offered).containsText("陪同老人就医");
            assertThat(offered).containsText("余 2 个名额");
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("m-member.png")).setFullPage(true));

            offered.getByText("认领").click();
            assertThat(page.locator(".done")).hasText("已认领：陪同老人就医");
            Locator mine = page.locator("section[aria-label=我的任务] article").filter(new Locator.FilterOptions().setHasText("陪同老人就医"));
            assertThat(offered).hasCount(0);

            mine.getByLabel("核验码").fill(code.equals("000000") ? "111111" : "000000");
            mine.getByText("签到").click();
            assertThat(page.locator("[role=alert]")).containsText("INVALID_VERIFICATION_CODE");
            // the organiser's QR code, scanned with the phone's camera, opens this page with the code filled in
            String link = qrText("/tasks/" + taskId + "/check-in-code.svg");
            assertThat(link).isEqualTo(base + "/m/#/check-in?task=" + taskId + "&code=" + code);
            page.navigate(link);
            page.reload(); // a camera app opens the link afresh
            assertThat(page.locator(".done")).hasText("已扫码：陪同老人就医，请点「签到」确认");
            assertThat(mine.getByLabel("核验码")).hasValue(code);
            assertThat(page).hasURL(base + "/m/"); // the code left the address bar
            mine.getByText("签到").click();
            assertThat(mine).containsText("服务中（已签到）");
            mine.getByLabel("核验码").fill(code);
            mine.getByText("签退").click();
            assertThat(page.locator(".done")).containsText("已签退，本次计");

            JsonNode claims = api("member", "{ member(id: \"M000209\") { serviceRecords(first: 1) { edges { node { checkOutAt claim { task { id } } } } } } }")
                    .get("member").get("serviceRecords").get("edges");
            assertThat(claims.get(0).get("node").get("claim").get("task").get("id").asString()).isEqualTo(taskId);
            assertThat(claims.get(0).get("node").get("checkOutAt").isNull()).isFalse();
            JsonNode inbox = api("member", "{ unreadNotifications notifications(first: 1) { edges { node { text } } } }");
            Locator messages = page.locator("section[aria-label=消息]");
            assertThat(messages.locator("h2")).containsText("（" + inbox.get("unreadNotifications").asInt() + " 条未读）");
            assertThat(messages.locator("li").first()).containsText(inbox.get("notifications").get("edges").get(0).get("node").get("text").asString());
            assertThat(messages.locator("li").first()).containsText("社区活动室值班");
            messages.getByText("全部已读").click();
            assertThat(messages.locator("li.unread")).hasCount(0);
            assertThat(api("member", "{ unreadNotifications }").get("unreadNotifications").asInt()).isZero();

            page.navigate(base + "/console/");
            // the same tab (session storage) is signed in as a member, who has no screen on the desktop console
            assertThat(page.locator("main.content .note")).containsText("手机版");
            assertThat(page.locator("nav.side a")).hasCount(0);
            assertQuiet(tab);
        }
    }

    @Test
    void aResidentPostsARequestWithTheClassifiersHintFollowsItAndRatesWhoServed() throws Exception {
        String text = "楼下的路灯坏了一个星期，晚上出门很黑";
        JsonNode guess = api("resident", "query($text: String!) { classifyText(text: $text) { category { name } suggestedCategory { name } } }",
                Map.of("text", text)).get("classifyText");
        JsonNode category = guess.get("category").isNull() ? guess.get("suggestedCategory") : guess.get("category");
        try (HeadlessChromium.Tab tab = chromium.open(390, 844)) {
            Page page = signIn(tab, "/m/", "resident");
            page.getByLabel("您需要什么帮助？").fill(text);
            assertThat(page.locator(".hint")).containsText("看起来是「" + category.get("name").asString() + "」");
            page.getByLabel("紧急程度").selectOption("HIGH");
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("m-resident.png")).setFullPage(true));
            page.getByText("提交", new Page.GetByTextOptions().setExact(true)).click();
            assertThat(page.locator(".done")).hasText("已提交，社区将尽快受理。");
            Locator mine = page.locator("article").filter(new Locator.FilterOptions().setHasText(text));
            assertThat(mine).containsText("待受理");

            JsonNode latest = api("resident", "{ resident(id: \"R000468\") { requests(first: 1) { edges { node { id text urgency state } } } } }")
                    .get("resident").get("requests").get("edges").get(0).get("node");
            assertThat(latest.get("text").asString()).isEqualTo(text);
            assertThat(latest.get("urgency").asString()).isEqualTo("HIGH");
            assertThat(mine.getAttribute("data-request")).isEqualTo(latest.get("id").asString());

            // the community serves it: a task, a member, done — and the resident rates who came
            String task = publish("修理楼下路灯", 1, OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(3).withNano(0));
            api("community-secretary", "mutation($r: ID!, $t: ID!) { acceptRequest(input: { requestId: $r, taskId: $t }) { request { state } } }",
                    Map.of("r", latest.get("id").asString(), "t", task));
            String served = api("community-secretary", "mutation($id: ID!) { assignTask(input: { taskId: $id, memberId: \"M000209\" }) { claim { id member { name } } } }",
                    Map.of("id", task)).get("assignTask").get("claim").get("member").get("name").asString();
            for (String step : new String[] {"startTask", "completeTask"}) {
                api("community-secretary", "mutation($id: ID!) { " + step + "(input: { taskId: $id }) { task { state } } }", Map.of("id", task));
            }
            page.reload();
            assertThat(mine).containsText("已解决");
            mine.getByLabel("评价 " + served).selectOption("4");
            mine.getByText("提交评价").click();
            assertThat(page.locator(".done")).hasText("已评价 " + served + "，谢谢！");
            assertThat(mine).containsText("已评价 " + served + "：★★★★");
            JsonNode rating = api("community-secretary", "query($id: ID!) { task(id: $id) { claims { evaluations { raterRole raterId score } } } }",
                    Map.of("id", task)).get("task").get("claims").get(0).get("evaluations").get(0);
            assertThat(rating.get("raterRole").asString()).isEqualTo("RESIDENT");
            assertThat(rating.get("raterId").asString()).isEqualTo("R000468");
            assertThat(rating.get("score").asInt()).isEqualTo(4);
            assertQuiet(tab);
        }
    }

    private static Page signIn(HeadlessChromium.Tab tab, String path, String user) {
        Page page = tab.page();
        page.navigate(base + path);
        page.locator("button[data-user=" + user + "]").click();
        assertThat(page.locator("header.top")).isVisible();
        return page;
    }

    /** As the console shows a rate: 0.89 → 89.0%. */
    private static String percent(JsonNode rate) {
        return String.format(Locale.ROOT, "%.1f%%", rate.asDouble() * 100);
    }

    private static String state(String registration) throws Exception {
        return api("community-secretary", "{ registration(id: \"" + registration + "\") { state } }")
                .get("registration").get("state").asString();
    }

    /** The public API as the demo user, over HTTP: what the screens should show. */
    private static JsonNode api(String user, String query) throws Exception {
        return api(user, query, Map.of());
    }

    private static JsonNode api(String user, String query, Map<String, Object> variables) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/graphql"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + tokens.get(user))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("query", query, "variables", variables)))).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("errors")).as(response.body()).isNull();
        return body.get("data");
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", authorization).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The text of the one QR code in a picture (ZXing's reader, as a phone's scanner would read it). */
    /** What the service's QR code at {@code path} says, read as the organiser's secretary. */
    private static String qrText(String path) throws Exception {
        try (HeadlessChromium.Tab tab = chromium.open(400, 400)) {
            HttpResponse<String> svg = get(path, "Bearer " + tokens.get("community-secretary"));
            assertThat(svg.statusCode()).isEqualTo(200);
            tab.page().setContent("<body style=margin:0>" + svg.body().replace("<svg ", "<svg width=320 height=320 ") + "</body>");
            return decodeQr(tab.page().screenshot());
        }
    }

    private static String decodeQr(byte[] png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(
                new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels)))).getText();
    }

    @Test
    void aSecretarySearchesTheMembersTurnsThePageAndOpensAProfileWithSkillSourcesAndHours() throws Exception {
        String members = """
                query($search: String, $after: String) {
                  members(filter: { communityId: "320613001001", search: $search }, orderBy: { field: NAME }, first: 20, after: $after) {
                    totalCount pageInfo { endCursor } edges { node { name } } } }""";
        JsonNode first = api("community-secretary", members, Map.of()).get("members");
        JsonNode second = api("community-secretary", members, Map.of("after", first.get("pageInfo").get("endCursor").asString()))
                .get("members");
        // 电工 → skills read from the occupation (the demo service does not backfill them at start: saving does)
        JsonNode member = api("community-secretary", """
                mutation { updateMember(input: { id: "M000186", occupation: "电工" }) {
                  member { name skills { skill { name } source because } serviceHours(period: YEAR) { hours } } } }""")
                .get("updateMember").get("member");
        String name = member.get("name").asString();
        String surname = name.substring(0, 1);
        int bySurname = api("community-secretary", members, Map.of("search", surname)).get("members").get("totalCount").asInt();
        try (HeadlessChromium.Tab tab = chromium.open(1366, 768)) {
            Page page = signIn(tab, "/console/", "community-secretary");
            page.locator("nav.side a", new Page.LocatorOptions().setHasText("党员")).click();
            Locator rows = page.locator("table[aria-label=党员名单] tbody tr");
            Locator total = page.locator(".paging .total");
            assertThat(total).hasText("第 1–20 条，共 " + first.get("totalCount").asInt() + " 条");
            assertThat(rows).hasCount(20);
            assertThat(rows.first().locator("td").first()).hasText(first.get("edges").get(0).get("node").get("name").asString());
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("members.png")));

            page.getByText("下一页").click();
            assertThat(total).hasText("第 21–40 条，共 " + first.get("totalCount").asInt() + " 条");
            assertThat(rows.first().locator("td").first()).hasText(second.get("edges").get(0).get("node").get("name").asString());

            Locator search = page.locator("input[type=search]");
            search.fill(surname);
            page.getByText("查询", new Page.GetByTextOptions().setExact(true)).click();
            assertThat(total).hasText("第 1–" + Math.min(20, bySurname) + " 条，共 " + bySurname + " 条");
            assertThat(bySurname).isLessThan(first.get("totalCount").asInt());
            for (String shown : rows.locator("td:first-child").allInnerTexts()) {
                assertThat(shown).contains(surname);
            }

            search.fill(name);
            page.getByText("查询", new Page.GetByTextOptions().setExact(true)).click();
            assertThat(total).containsText("共 ");
            rows.locator("a", new Locator.LocatorOptions().setHasText(name)).first().click();
            assertThat(page.locator("h1")).hasText(name + " · 党员档案");
            JsonNode fromOccupation = null;
            for (JsonNode skill : member.get("skills")) {
                if (skill.get("source").asString().equals("OCCUPATION")) {
                    fromOccupation = skill;
                }
            }
            assertThat(fromOccupation).as("a skill read from 电工").isNotNull();
            Locator skill = page.locator("table[aria-label=技能] tr").filter(new Locator.FilterOptions()
                    .setHasText(fromOccupation.get("skill").get("name").asString()));
            assertThat(skill).containsText("由职业推断");
            assertThat(skill).containsText(fromOccupation.get("because").asString());
            assertThat(page.locator("[data-figure=hours-year] .figure-value"))
                    .hasText(hours(member.get("serviceHours").get("hours")) + " 小时");
            assertThat(page.locator("table[aria-label=双报到记录] tbody tr").first()).containsText("德民社区");
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("member-profile.png")).setFullPage(true));
            assertQuiet(tab);
        }
    }

    @Test
    void aStreetAdministratorPicksACommunityOfTheStreetToListItsMembers() throws Exception {
        JsonNode communities = api("street-admin", "{ street(id: \"320613001\") { communities(first: 50) { edges { node { id name } } } } }")
                .get("street").get("communities").get("edges");
        assertThat(communities.size()).as("城东街道's communities in the demo data").isGreaterThan(1);
        JsonNode second = communities.get(1).get("node");
        int total = api("street-admin", "query($c: ID!) { members(filter: { communityId: $c }, first: 1) { totalCount } }",
                Map.of("c", second.get("id").asString())).get("members").get("totalCount").asInt();
        try (HeadlessChromium.Tab tab = chromium.open(1366, 768)) {
            Page page = signIn(tab, "/console/#/members", "street-admin");
            Locator picker = page.locator("select[name=community]");
            assertThat(picker.locator("option")).hasCount(communities.size());
            picker.selectOption(second.get("id").asString());
            assertThat(page.locator("h1")).hasText(second.get("name").asString() + " · 党员");
            assertThat(page.locator(".paging .total")).containsText("共 " + total + " 条");
            assertQuiet(tab);
        }
    }

    @Test
    void aSecretaryListsTheResidentsOfABuildingAndSeesOnesRequests() throws Exception {
        String residents = """
                query($building: ID, $after: String) {
                  residents(filter: { communityId: "320613001001", buildingId: $building }, first: 20, after: $after) {
                    totalCount pageInfo { endCursor } edges { node { id name residence { name } } } } }""";
        JsonNode all = api("community-secretary", residents, Map.of()).get("residents");
        JsonNode secondPage = api("community-secretary", residents, Map.of("after", all.get("pageInfo").get("endCursor").asString()))
                .get("residents");
        String building = "320613001001-W04-P2-M03";
        JsonNode inBuilding = api("community-secretary", residents, Map.of("building", building)).get("residents");
        JsonNode resident = api("community-secretary", """
                { resident(id: "R000115") { name requests(first: 20) { edges { node { text } } } } }""").get("resident");
        try (HeadlessChromium.Tab tab = chromium.open(1366, 768)) {
            Page page = signIn(tab, "/console/#/residents", "community-secretary");
            Locator rows = page.locator("table[aria-label=居民名单] tbody tr");
            Locator total = page.locator(".paging .total");
            int count = all.get("totalCount").asInt();
            assertThat(total).hasText("第 1–20 条，共 " + count + " 条");
            page.getByText("下一页").click();
            assertThat(total).hasText("第 21–" + Math.min(40, count) + " 条，共 " + count + " 条");
            assertThat(rows.first().locator("td").first()).hasText(secondPage.get("edges").get(0).get("node").get("name").asString());

            page.locator("select[name=grid]").selectOption("320613001001-W04");
            page.locator("select[name=building]").selectOption(building);
            assertThat(total).hasText("第 1–" + inBuilding.get("totalCount").asInt() + " 条，共 " + inBuilding.get("totalCount").asInt() + " 条");
            assertThat(rows).hasCount(inBuilding.get("totalCount").asInt());
            for (String shown : rows.locator("td:nth-child(2)").allInnerTexts()) {
                assertThat(shown).isEqualTo(inBuilding.get("edges").get(0).get("node").get("residence").get("name").asString());
            }
            rows.locator("button", new Locator.LocatorOptions().setHasText(resident.get("name").asString())).click();
            Locator requests = page.locator("section[aria-label=居民需求]");
            assertThat(requests.locator("h2")).hasText(resident.get("name").asString() + " 的需求");
            assertThat(resident.get("requests").get("edges").size()).isPositive();
            assertThat(requests.locator("tbody tr")).hasCount(resident.get("requests").get("edges").size());
            assertThat(requests.locator("tbody tr").first())
                    .containsText(resident.get("requests").get("edges").get(0).get("node").get("text").asString());
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("residents.png")).setFullPage(true));
            assertQuiet(tab);
        }
    }

    @Test
    void aUnitSecretarySeesTheUnitsReportBackOnlyTurnsItsPagesAndExportsIt() throws Exception {
        String report = """
                query($after: String) { unit(id: "U0004") { name reportingRate { onRoster } }
                  reportBack(unitId: "U0004", quarter: "%s", first: 20, after: $after) {
                    pageInfo { endCursor } edges { node { member { name } hours ratings } } } }""".formatted(quarter());
        JsonNode first = api("unit-secretary", report, Map.of());
        JsonNode second = api("unit-secretary", report, Map.of("after", first.get("reportBack").get("pageInfo").get("endCursor").asString()));
        int roster = first.get("unit").get("reportingRate").get("onRoster").asInt();
        try (HeadlessChromium.Tab tab = chromium.open(1366, 768)) {
            Page page = signIn(tab, "/console/", "unit-secretary");
            assertThat(page.locator("nav.side a")).hasText(new String[] {"报回单位"});
            assertThat(page.locator("h1")).hasText(first.get("unit").get("name").asString() + " · 报回单位");
            Locator rows = page.locator("table[aria-label=报回单] tbody tr");
            Locator total = page.locator(".paging .total");
            assertThat(total).hasText("第 1–" + Math.min(20, roster) + " 条，共 " + roster + " 条");
            JsonNode row = first.get("reportBack").get("edges").get(1).get("node");
            assertThat(rows.nth(1).locator("td").first()).hasText(row.get("member").get("name").asString());
            assertThat(rows.nth(1).locator("td").nth(6)).hasText(hours(row.get("hours")));
            assertThat(rows.nth(1).locator("td").nth(7)).hasText(row.get("ratings").asString());
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("unit-report.png")).setFullPage(true));

            Download download = page.waitForDownload(() -> page.getByText("导出本季度报回单（Excel）").click());
            assertThat(download.failure()).isNull();
            assertThat(download.suggestedFilename()).endsWith(".xlsx");
            assertThat(Files.readAllBytes(download.path())).startsWith('P', 'K');

            page.getByText("下一页").click();
            assertThat(total).hasText("第 21–" + Math.min(40, roster) + " 条，共 " + roster + " 条");
            assertThat(rows.first().locator("td").first())
                    .hasText(second.get("reportBack").get("edges").get(0).get("node").get("member").get("name").asString());

            // another screen's address: the unit secretary still has only theirs
            page.navigate(base + "/console/#/members");
            assertThat(page.locator("nav.side a")).hasText(new String[] {"报回单位"});
            assertThat(page.locator("h1")).containsText("报回单位");
            String shown = rows.first().locator("a").innerText();
            rows.first().locator("a").click();
            assertThat(page.locator("h1")).hasText(shown + " · 党员档案");
            assertThat(page.locator("table[aria-label=技能]")).isVisible();
            assertThat(page.locator("section[aria-label=认领]")).hasCount(0); // not the unit's to read
            assertThat(page.locator("[role=alert]")).hasCount(0);
            assertQuiet(tab);
        }
    }

    /** This quarter in Nantong, as the report's picker starts: 2026-Q4. */
    private static String quarter() {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        return today.getYear() + "-Q" + ((today.getMonthValue() - 1) / 3 + 1);
    }

    /** As the console shows hours: at most two decimals, no trailing zeros (10.25, 5.9, 0). */
    private static String hours(JsonNode value) {
        return new java.math.BigDecimal(value.asString()).setScale(2, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
