package cn.nantong.tongtongzai.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import cn.nantong.tongtongzai.support.IntegrationTest;
import cn.nantong.tongtongzai.support.TestTokens;
import cn.nantong.tongtongzai.support.TestTokens.Scope;

/**
 * Files from a browser (issue 20): a page's {@code <a href>} sends no bearer header, so downloadLink makes a link
 * that opens once, within a minute, as its maker and for exactly its file; a plain HTML form uploads a roster with
 * the token in a form field.
 */
class DownloadLinksTest extends IntegrationTest {

    private static final String TEMPLATE = "/imports/member-roster/template.xlsx";

    @Autowired
    Driver driver;

    @BeforeEach
    void tinyCity() {
        database.loadTiny();
    }

    @Test
    void aLinkOpensTheFileOnceWithoutAHeader() throws IOException {
        Map<String, Object> link = link(TEMPLATE);
        assertThat((String) link.get("url")).startsWith(TEMPLATE + "?link=");
        assertThat((String) link.get("expiresAt")).endsWith("+08:00");

        byte[] file = anonymousWeb.get().uri((String) link.get("url")).exchange().expectStatus().isOk()
                .expectBody(byte[].class).returnResult().getResponseBody();
        try (Workbook book = WorkbookFactory.create(new java.io.ByteArrayInputStream(file))) {
            assertThat(book.getSheetAt(0).getRow(0).getCell(0).getStringCellValue()).isEqualTo("姓名");
        }
        refused((String) link.get("url"));
    }

    @Test
    void aLinkLastsAMinute() {
        String url = (String) link(TEMPLATE).get("url");
        clock.advance(Duration.ofSeconds(61));
        refused(url);
    }

    @Test
    void aLinkIsForItsFileAndParametersOnly() {
        String unit = strings("MATCH (u:Unit) RETURN u.id ORDER BY u.id LIMIT 1", Map.of()).getFirst();
        String url = (String) link("/exports/award-list.xlsx?year=2026&unitId=" + unit).get("url");
        String secret = url.substring(url.indexOf("link=") + 5);
        refused("/exports/award-list.xlsx?year=2025&unitId=" + unit + "&link=" + secret);
        // a wrong try uses the link up: it was tampered with
        refused(url);
        refused(TEMPLATE + "?link=" + link("/exports/award-list.xlsx?year=2026").get("url").toString().split("link=")[1]);
        // the same parameters in another order are the same file
        String reordered = (String) link("/exports/award-list.xlsx?unitId=" + unit + "&year=2026").get("url");
        anonymousWeb.get().uri("/exports/award-list.xlsx?year=2026&unitId=" + unit + "&link=" + reordered.split("link=")[1])
                .exchange().expectStatus().isOk();
        // the export of people is audited as the link's maker
        assertThat(strings("MATCH (a:AuditEntry {operation: $op, outcome: 'OK'}) RETURN a.actor",
                Map.of("op", "/exports/award-list.xlsx"))).containsExactly("test-admin");
    }

    @Test
    void aLinkActsAsItsMakerSoTheFilesOwnRulesDecide() {
        List<String> units = strings("MATCH (u:Unit) RETURN u.id ORDER BY u.id LIMIT 2", Map.of());
        signIn(TestTokens.user("unit-secretary", Role.UNIT_SECRETARY, Scope.none().unit(units.get(0))));
        String own = (String) link("/exports/report-back.xlsx?unitId=" + units.get(0) + "&quarter=2026-Q3").get("url");
        String other = (String) link("/exports/report-back.xlsx?unitId=" + units.get(1) + "&quarter=2026-Q3").get("url");
        anonymousWeb.get().uri(own).exchange().expectStatus().isOk();
        anonymousWeb.get().uri(other).exchange().expectStatus().isNotFound();
        // a member may make a link, and gets what a member gets from the template: nothing
        signIn(TestTokens.user("a-member", Role.MEMBER, Scope.none().member("M000001")));
        anonymousWeb.get().uri((String) link(TEMPLATE).get("url")).exchange().expectStatus().isForbidden();
    }

    @Test
    void onlyTheServicesDownloadsGetLinks() {
        for (String url : List.of("/graphql", "https://example.com/exports/figures.xlsx", "//evil/exports/figures.xlsx",
                "/exports/nothing.xlsx", "exports/figures.xlsx", "/exports/figures.xlsx?x=%zz", "/imports/member-roster")) {
            graphQl.document("mutation($url: String!) { downloadLink(url: $url) { url } }").variable("url", url).execute()
                    .errors().satisfy(errors -> assertThat(errors).singleElement()
                            .satisfies(e -> assertThat(e.getExtensions()).containsEntry("code", "UNKNOWN_DOWNLOAD")));
        }
        assertThat(strings("MATCH (l:DownloadLink) RETURN l.hash", Map.of())).isEmpty();
    }

    @Test
    void twoBrowsersOpeningOneLinkAtOnceGetOneFile() throws Exception {
        String url = (String) link(TEMPLATE).get("url");
        List<Callable<Integer>> opens = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            opens.add(() -> anonymousWeb.get().uri(url).exchange().returnResult(byte[].class).getStatus().value());
        }
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (Future<Integer> status : pool.invokeAll(opens)) {
                statuses.add(status.get());
            }
        }
        assertThat(statuses).containsExactlyInAnyOrder(200, 401, 401, 401);
    }

    @Test
    void aPlainFormUploadsARosterWithTheTokenInAField() throws IOException {
        String unit = strings("MATCH (u:Unit) RETURN u.id ORDER BY u.id LIMIT 1", Map.of()).getFirst();
        long before = strings("MATCH (m:Member) RETURN m.id", Map.of()).size();
        MultipartBodyBuilder form = roster();
        form.part("access_token", TestTokens.bearer(TestTokens.cityAdmin("form-user")).substring("Bearer ".length()));
        anonymousWeb.post().uri("/imports/member-roster?unitId=" + unit).body(BodyInserters.fromMultipartData(form.build()))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.imported").isEqualTo(1);
        assertThat(strings("MATCH (m:Member) RETURN m.id", Map.of())).hasSize((int) before + 1);

        // no token, or a token in the URL: 401, nothing imported
        anonymousWeb.post().uri("/imports/member-roster?unitId=" + unit).body(BodyInserters.fromMultipartData(roster().build()))
                .exchange().expectStatus().isUnauthorized();
        String token = TestTokens.bearer(TestTokens.cityAdmin("url-user")).substring("Bearer ".length());
        anonymousWeb.post().uri("/imports/member-roster?unitId=" + unit + "&access_token=" + token)
                .body(BodyInserters.fromMultipartData(roster().build())).exchange().expectStatus().isUnauthorized();
        assertThat(strings("MATCH (m:Member) RETURN m.id", Map.of())).hasSize((int) before + 1);
    }

    private Map<String, Object> link(String url) {
        return graphQl.document("mutation($url: String!) { downloadLink(url: $url) { url expiresAt } }")
                .variable("url", url).execute().path("downloadLink").entity(Map.class).get();
    }

    private void refused(String url) {
        anonymousWeb.get().uri(url).exchange().expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.code").isEqualTo("LINK_INVALID");
    }

    private List<String> strings(String cypher, Map<String, Object> parameters) {
        return driver.executableQuery(cypher).withParameters(parameters).execute().records().stream()
                .map(r -> r.get(0).asString()).toList();
    }

    private static MultipartBodyBuilder roster() throws IOException {
        try (Workbook book = new org.apache.poi.xssf.usermodel.XSSFWorkbook()) {
            var row = book.createSheet("党员名册").createRow(1);
            String[] cells = {"周明", "男", "1980", "13911110001", "320613001001-W01-P1-M01"};
            for (int c = 0; c < cells.length; c++) {
                if (c == 2) {
                    row.createCell(c).setCellValue(1980);
                } else {
                    row.createCell(c).setCellValue(cells[c]);
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            book.write(out);
            MultipartBodyBuilder form = new MultipartBodyBuilder();
            form.part("file", new ByteArrayResource(out.toByteArray()) {
                @Override
                public String getFilename() {
                    return "roster.xlsx";
                }
            });
            return form;
        }
    }
}
