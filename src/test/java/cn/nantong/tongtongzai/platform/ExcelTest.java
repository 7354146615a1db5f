package cn.nantong.tongtongzai.platform;

import static cn.nantong.tongtongzai.support.FlowFixture.DEMIN;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.neo4j.driver.Driver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.web.reactive.function.BodyInserters;

import cn.nantong.tongtongzai.support.FlowFixture;
import cn.nantong.tongtongzai.support.IntegrationTest;

/** Excel in and out over HTTP: every file downloaded is read back with Apache POI. */
class ExcelTest extends IntegrationTest {

    @Autowired
    Driver driver;

    FlowFixture flow;
    FlowFixture.Served served;

    @BeforeEach
    void oneRequestServedAndRated() {
        database.loadTiny();
        flow = new FlowFixture(graphQl, driver);
        served = flow.servedAndRatedRequest();
    }

    @Test
    void aCommunitysFiguresAsASpreadsheetMatchTheGraphQlFigures() throws IOException {
        try (Workbook book = download("/exports/figures.xlsx?scope=COMMUNITY&id=" + DEMIN + "&period=YEAR")) {
            Sheet sheet = book.getSheetAt(0);
            assertThat(text(sheet.getRow(0).getCell(0))).isEqualTo("名称");
            assertThat(text(sheet.getRow(0).getCell(5))).isEqualTo("报到率");
            Row community = sheet.getRow(1);
            assertThat(text(community.getCell(0))).isEqualTo("德民社区");
            Map<String, Object> figures = graphQl.document("""
                            query { figures(scope: COMMUNITY, id: "320613001001", period: YEAR) {
                              roster registered reportingRate serving ratings children { id } } }""")
                    .execute().path("figures").entity(Map.class).get();
            assertThat(community.getCell(3).getNumericCellValue()).isEqualTo(((Number) figures.get("roster")).doubleValue());
            assertThat(community.getCell(4).getNumericCellValue()).isEqualTo(((Number) figures.get("registered")).doubleValue());
            Cell rate = community.getCell(5);
            assertThat(rate.getCellType()).isEqualTo(CellType.NUMERIC);
            assertThat(rate.getNumericCellValue()).isEqualTo((Double) figures.get("reportingRate"));
            assertThat(rate.getCellStyle().getDataFormatString()).isEqualTo("0.0%");
            assertThat(community.getCell(10).getNumericCellValue()).isEqualTo(3.0); // ratings
            // one row per grid under the community
            assertThat(sheet.getLastRowNum()).isEqualTo(((List<?>) figures.get("children")).size() + 1);
            assertThat(book.getSheet("服务时长分布")).isNotNull();
        }
    }

    @Test
    void theReportBackSheetHasOneRowPerMemberOfTheUnit() throws IOException {
        String unit = flow.strings("MATCH (:Member {id: $m})-[:WORKS_AT]->(u:Unit) RETURN u.id", Map.of("m", served.member())).getFirst();
        String quarter = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).getYear() + "-Q"
                + LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).get(IsoFields.QUARTER_OF_YEAR);
        long members = flow.count("MATCH (:Unit {id: $u})<-[:WORKS_AT]-(m:Member) RETURN count(m)", Map.of("u", unit));
        try (Workbook book = download("/exports/report-back.xlsx?unitId=" + unit + "&quarter=" + quarter)) {
            Sheet sheet = book.getSheetAt(0);
            assertThat(headers(sheet)).containsExactly("党员编号", "姓名", "报到状态", "报到社区", "认领岗位", "接单数", "完成任务数",
                    "服务时长（小时）", "评价数", "满意度");
            assertThat(sheet.getLastRowNum()).isEqualTo((int) members);
            Row row = rowOf(sheet, served.member());
            assertThat(text(row.getCell(2))).isEqualTo("已报到");
            assertThat(text(row.getCell(3))).isEqualTo("德民社区");
            assertThat(row.getCell(5).getNumericCellValue()).isEqualTo(1.0);
            assertThat(row.getCell(8).getNumericCellValue()).isEqualTo(3.0);
            assertThat(row.getCell(9).getNumericCellValue()).isCloseTo(0.333, org.assertj.core.api.Assertions.within(0.001));
            assertThat(row.getCell(7).getCellStyle().getDataFormatString()).isEqualTo("0.00");
        }
        web.get().uri("/exports/report-back.xlsx?unitId=nowhere&quarter=" + quarter).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("UNIT_NOT_FOUND");
        web.get().uri("/exports/report-back.xlsx?unitId=" + unit + "&quarter=2026Q3").exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("INVALID_QUARTER");
    }

    @Test
    void theInterviewListHoldsTheMemberRatedBelowSeventyPercent() throws IOException {
        // 2, 2 and 5: one satisfied rating of three
        try (Workbook book = download("/exports/interview-list.xlsx?year=" + LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).getYear())) {
            Sheet sheet = book.getSheetAt(0);
            assertThat(text(sheet.getRow(0).getCell(4))).isEqualTo("满意度");
            assertThat(rowOf(sheet, served.member()).getCell(4).getNumericCellValue()).isLessThan(0.7);
        }
    }

    @Test
    void aRosterFromTheTemplateIsImportedWholeOrNotAtAll() throws IOException {
        byte[] template;
        try (Workbook book = download("/imports/member-roster/template.xlsx")) {
            assertThat(headers(book.getSheetAt(0)).getFirst()).isEqualTo("姓名");
            assertThat(book.getSheet("技能编号").getLastRowNum()).isGreaterThanOrEqualTo(60);
            template = bytes(book);
        }
        long before = flow.count("MATCH (m:Member) RETURN count(m)", Map.of());

        // a file with one good row and two bad ones: nothing is written, every problem comes back with its row
        byte[] bad = roster(template, List.of(
                new String[] {"周明", "男", "1980", "13911110001", "320613001001-W01-P1-M01", "电工", "plumbing_electrical:4", "", "", "周末上午"},
                new String[] {"吴芳", "未知", "1990", "13911110002", "320613001001-W01-P1-M01", "", "", "", "", "周末早上"},
                new String[] {"郑强", "男", "1975", "13911110003", "nowhere", "", "juggling:3", "", "", ""}));
        web.post().uri("/imports/member-roster?unitId=U0001").body(BodyInserters.fromMultipartData(upload(bad))).exchange()
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.problems[?(@.code == 'INVALID_GENDER')].message").isEqualTo(List.of("第3行：性别须填“男”或“女”。"))
                .jsonPath("$.problems[?(@.code == 'INVALID_AVAILABILITY')].field").isEqualTo(List.of("row 3: availability"));
        assertThat(flow.count("MATCH (m:Member) RETURN count(m)", Map.of())).isEqualTo(before);

        // the references are checked too (after the cells): the unknown building and skill of row 4
        byte[] badReferences = roster(template, List.of(
                new String[] {"周明", "男", "1980", "13911110001", "320613001001-W01-P1-M01", "电工", "plumbing_electrical:4", "", "", "周末上午"},
                new String[] {"郑强", "男", "1975", "13911110003", "nowhere", "", "juggling:3", "", "", ""}));
        web.post().uri("/imports/member-roster?unitId=U0001").body(BodyInserters.fromMultipartData(upload(badReferences))).exchange()
                .expectStatus().isBadRequest().expectBody()
                .jsonPath("$.problems[*].message").value(messages -> assertThat(messages.toString())
                        .contains("第3行：").doesNotContain("第2行："));
        assertThat(flow.count("MATCH (m:Member) RETURN count(m)", Map.of())).isEqualTo(before);

        byte[] good = roster(template, List.of(
                new String[] {"周明", "男", "1980", "13911110001", "320613001001-W01-P1-M01", "电工", "plumbing_electrical:4", "HELP_THE_NEEDY", "书法", "周末上午，工作日晚上"},
                new String[] {"吴芳", "女", "1990", "13911110002", "320613001001-W01-P1-M02", "小学老师", "", "", "", ""}));
        web.post().uri("/imports/member-roster?unitId=U0001").body(BodyInserters.fromMultipartData(upload(good))).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.imported").isEqualTo(2);
        assertThat(flow.count("MATCH (m:Member {phone: '13911110001'})-[:WORKS_AT]->(:Unit {id: 'U0001'}) RETURN count(m)", Map.of())).isOne();
        assertThat(flow.count("""
                MATCH (:Member {phone: '13911110001'})-[h:HAS_SKILL {level: 4}]->(:Skill {id: 'plumbing_electrical'})
                WHERE h.source IS NULL RETURN count(h)""", Map.of())).isOne();
        assertThat(flow.count("""
                MATCH (:Member {phone: '13911110002'})-[:WORKS_AS]->(:Occupation {id: 'primary_school_teacher'}) RETURN count(*)""", Map.of()))
                .as("the occupation is read as in the GraphQL import").isOne();

        List<String[]> tooMany = new ArrayList<>();
        for (int i = 0; i < 2_001; i++) {
            tooMany.add(new String[] {"周明", "男", "1980", "1391111" + String.format("%04d", i), "320613001001-W01-P1-M01"});
        }
        web.post().uri("/imports/member-roster?unitId=U0001").body(BodyInserters.fromMultipartData(upload(roster(template, tooMany))))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("INVALID_IMPORT_SIZE");

        web.post().uri("/imports/member-roster?unitId=U0001")
                .body(BodyInserters.fromMultipartData(upload("not a spreadsheet".getBytes()))).exchange()
                .expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("INVALID_FILE");
    }

    private Workbook download(String uri) throws IOException {
        byte[] body = web.get().uri(uri).exchange().expectStatus().isOk()
                .expectHeader().contentType(MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .expectHeader().value("Content-Disposition", d -> assertThat(d).startsWith("attachment;").contains("filename*=UTF-8''"))
                .expectBody(byte[].class).returnResult().getResponseBody();
        return WorkbookFactory.create(new ByteArrayInputStream(body));
    }

    /** The template with its example row replaced by these rows. */
    private static byte[] roster(byte[] template, List<String[]> rows) throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(template))) {
            Sheet sheet = book.getSheetAt(0);
            sheet.removeRow(sheet.getRow(1));
            for (int i = 0; i < rows.size(); i++) {
                Row row = sheet.createRow(i + 1);
                for (int c = 0; c < rows.get(i).length; c++) {
                    String value = rows.get(i)[c];
                    if (c == 2 && !value.isEmpty()) {
                        row.createCell(c).setCellValue(Double.parseDouble(value)); // years typed as numbers
                    } else {
                        row.createCell(c).setCellValue(value);
                    }
                }
            }
            return bytes(book);
        }
    }

    private static org.springframework.util.MultiValueMap<String, org.springframework.http.HttpEntity<?>> upload(byte[] file) {
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        body.part("file", new ByteArrayResource(file) {
            @Override
            public String getFilename() {
                return "roster.xlsx";
            }
        });
        return body.build();
    }

    private static byte[] bytes(Workbook book) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        book.write(out);
        return out.toByteArray();
    }

    private static List<String> headers(Sheet sheet) {
        List<String> headers = new ArrayList<>();
        sheet.getRow(0).forEach(cell -> headers.add(text(cell)));
        return headers;
    }

    private static Row rowOf(Sheet sheet, String memberId) {
        for (Row row : sheet) {
            if (memberId.equals(text(row.getCell(0)))) {
                return row;
            }
        }
        throw new AssertionError(memberId + " not in " + sheet.getSheetName());
    }

    private static String text(Cell cell) {
        return new DataFormatter().formatCellValue(cell);
    }
}
