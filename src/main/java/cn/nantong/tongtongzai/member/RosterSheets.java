package cn.nantong.tongtongzai.member;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import cn.nantong.tongtongzai.member.MemberRecords.CreateMemberInput;
import cn.nantong.tongtongzai.member.MemberRecords.MemberSkillInput;
import cn.nantong.tongtongzai.platform.excel.Sheets;
import cn.nantong.tongtongzai.platform.excel.Sheets.Column;
import cn.nantong.tongtongzai.platform.excel.Sheets.Format;
import cn.nantong.tongtongzai.platform.graphql.ErrorCode;
import cn.nantong.tongtongzai.platform.graphql.UserInputException;
import cn.nantong.tongtongzai.platform.graphql.UserInputException.Problem;
import cn.nantong.tongtongzai.platform.security.AccessRefusedException;
import cn.nantong.tongtongzai.platform.security.HttpAccess;
import cn.nantong.tongtongzai.platform.security.Kind;
import cn.nantong.tongtongzai.platform.security.Role;

/**
 * A unit's member roster in Excel: a template to download, and the filled-in file uploaded. All or nothing:
 * every row is checked first (cell formats here, then the same rules and references as `importMembers`), and
 * a file with any bad row writes nothing and comes back with every problem and its row number.
 */
@RestController
class RosterSheets {

    static final List<Column> COLUMNS = List.of(new Column("姓名", Format.TEXT, 10), new Column("性别（男/女）", Format.TEXT, 12),
            new Column("出生年份", Format.INTEGER, 10), new Column("手机号", Format.TEXT, 14),
            new Column("住址（微网格编号）", Format.TEXT, 26), new Column("职业", Format.TEXT, 16),
            new Column("技能（技能编号:等级1-5，多项用；分隔）", Format.TEXT, 36),
            new Column("服务岗位类别（编号，多项用，分隔）", Format.TEXT, 30), new Column("兴趣特长（多项用，分隔）", Format.TEXT, 24),
            new Column("可服务时间（如 周末上午，多项用，分隔）", Format.TEXT, 34));
    static final Map<String, String> SLOTS = Map.of("工作日上午", "WEEKDAY_MORNING", "工作日下午", "WEEKDAY_AFTERNOON",
            "工作日晚上", "WEEKDAY_EVENING", "周末上午", "WEEKEND_MORNING", "周末下午", "WEEKEND_AFTERNOON", "周末晚上", "WEEKEND_EVENING");
    private static final Pattern ROW_FIELD = Pattern.compile("members\\[(\\d+)\\]\\.(.*)");
    private static final Pattern ROW_PREFIX = Pattern.compile("^第\\d+行：");

    private final MemberWriter writer;
    private final MemberService members;
    private final HttpAccess access;

    private static final Set<Role> UPLOADERS = EnumSet.of(Role.UNIT_SECRETARY, Role.CITY_ADMIN);

    RosterSheets(MemberWriter writer, MemberService members, HttpAccess access) {
        this.access = access;
        this.writer = writer;
        this.members = members;
    }

    /** What an upload did. */
    record Imported(int imported, List<String> memberIds) {
    }

    @GetMapping("/imports/member-roster/template.xlsx")
    ResponseEntity<byte[]> template() {
        if (!access.actor().hasAny(UPLOADERS)) {
            throw AccessRefusedException.forbidden("下载党员名册模板");
        }
        try (Sheets sheets = new Sheets()) {
            sheets.sheet("党员名册", COLUMNS).row("张三", "男", 1985, "13900000000", "320613001001-W01-P1-M01", "执业律师",
                    "legal_consulting:4；contract_review:3", "LEGAL_AID", "书法，摄影", "周末上午，工作日晚上");
            Sheets.Writer help = sheets.sheet("技能编号", List.of(new Column("技能编号", Format.TEXT, 28),
                    new Column("技能", Format.TEXT, 16), new Column("服务岗位类别编号", Format.TEXT, 20)));
            members.allSkills().forEach(s -> help.row(s.id(), s.name(), s.categoryId()));
            return Sheets.download(sheets.bytes(), "党员名册导入模板.xlsx", "member-roster-template.xlsx");
        }
    }

    @PostMapping("/imports/member-roster")
    Imported upload(@RequestParam String unitId, @RequestParam("file") MultipartFile file) {
        // a unit's members are the unit's business: its party secretary, or the city
        access.require(access.actor(), "/imports/member-roster", UPLOADERS, Kind.UNIT, unitId, true);
        List<CreateMemberInput> rows = new ArrayList<>();
        List<Integer> rowNumbers = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        try (InputStream in = file.getInputStream(); Workbook workbook = WorkbookFactory.create(in)) {
            Sheet sheet = workbook.getSheetAt(0);
            DataFormatter formatter = new DataFormatter();
            for (int r = 1; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                String[] cells = new String[COLUMNS.size()];
                for (int c = 0; c < cells.length; c++) {
                    cells[c] = row == null || row.getCell(c) == null ? "" : formatter.formatCellValue(row.getCell(c)).strip();
                }
                if (Arrays.stream(cells).allMatch(String::isEmpty)) {
                    continue; // a blank line in the middle or at the end
                }
                int number = r + 1; // as the spreadsheet shows it
                if (rows.size() == MemberWriter.MAX_IMPORT) {
                    throw new UserInputException(ErrorCode.INVALID_IMPORT_SIZE, "一次导入最多" + MemberWriter.MAX_IMPORT + "条记录。");
                }
                rows.add(parse(cells, unitId, number, problems));
                rowNumbers.add(number);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof UserInputException refused) {
                throw refused;
            }
            throw new UserInputException(ErrorCode.INVALID_FILE, "无法读取文件：请上传用模板填写的 .xlsx 文件。");
        }
        if (rows.isEmpty()) {
            throw new UserInputException(ErrorCode.EMPTY_FILE, "文件中没有党员记录。");
        }
        if (!problems.isEmpty()) {
            throw UserInputException.of(problems);
        }
        try {
            List<Member> imported = writer.importAll(rows);
            return new Imported(imported.size(), imported.stream().map(Member::id).toList());
        } catch (UserInputException e) {
            // the writer numbers rows from 1 in the list; the sheet from 2 under its header, and skips blank lines
            throw UserInputException.of(e.problems().isEmpty() ? List.of(new Problem("file", e.code(), e.getMessage()))
                    : e.problems().stream().map(p -> {
                        Matcher m = ROW_FIELD.matcher(p.field());
                        if (!m.matches()) {
                            return p;
                        }
                        int number = rowNumbers.get(Integer.parseInt(m.group(1)));
                        return new Problem("row " + number + ": " + m.group(2), p.code(),
                                "第" + number + "行：" + ROW_PREFIX.matcher(p.message()).replaceFirst(""));
                    }).toList());
        }
    }

    private static CreateMemberInput parse(String[] cells, String unitId, int number, List<Problem> problems) {
        for (int c : new int[] {0, 1, 2, 3, 4}) {
            if (cells[c].isEmpty()) {
                problems.add(new Problem("row " + number + ": " + COLUMNS.get(c).header(), ErrorCode.REQUIRED,
                        "第" + number + "行：“" + COLUMNS.get(c).header() + "”必须填写。"));
            }
        }
        String gender = switch (cells[1]) {
            case "男", "MALE" -> "MALE";
            case "女", "FEMALE" -> "FEMALE";
            case "" -> null;
            default -> {
                problems.add(new Problem("row " + number + ": gender", ErrorCode.INVALID_GENDER, "第" + number + "行：性别须填“男”或“女”。"));
                yield null;
            }
        };
        Integer birthYear = null;
        try {
            birthYear = cells[2].isEmpty() ? null : Integer.valueOf(cells[2]);
        } catch (NumberFormatException e) {
            problems.add(new Problem("row " + number + ": birthYear", ErrorCode.INVALID_BIRTH_YEAR, "第" + number + "行：出生年份须为四位数字。"));
        }
        List<MemberSkillInput> skills = new ArrayList<>();
        for (String item : split(cells[6], "[；;]")) {
            String[] parts = item.split("[:：]");
            try {
                skills.add(new MemberSkillInput(parts[0].strip(), parts.length > 1 ? Integer.valueOf(parts[1].strip()) : null));
            } catch (NumberFormatException e) {
                problems.add(new Problem("row " + number + ": skills", ErrorCode.INVALID_SKILL_LEVEL,
                        "第" + number + "行：技能须写成“技能编号:等级”，等级为1至5。"));
            }
        }
        List<String> availability = new ArrayList<>();
        for (String slot : split(cells[9], "[，,、]")) {
            String value = SLOTS.getOrDefault(slot, SLOTS.containsValue(slot) ? slot : null);
            if (value == null) {
                problems.add(new Problem("row " + number + ": availability", ErrorCode.INVALID_AVAILABILITY,
                        "第" + number + "行：可服务时间“" + slot + "”不对，可填：" + String.join("、", SLOTS.keySet().stream().sorted().toList()) + "。"));
            } else {
                availability.add(value);
            }
        }
        return new CreateMemberInput(cells[0], gender, birthYear, cells[3].isEmpty() ? null : cells[3], unitId,
                cells[4].isEmpty() ? null : cells[4], skills, split(cells[7], "[，,、]"), split(cells[8], "[，,、]"), availability,
                List.of(), cells[5].isEmpty() ? null : cells[5]);
    }

    private static List<String> split(String cell, String separators) {
        return cell.isEmpty() ? List.of() : Arrays.stream(cell.split(separators)).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
