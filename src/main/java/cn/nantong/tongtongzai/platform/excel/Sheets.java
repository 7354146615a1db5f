package cn.nantong.tongtongzai.platform.excel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Builds .xlsx files the way secretaries work with them: Chinese headers in bold on a frozen first row,
 * numbers stored as numbers with their format (hours 0.00, rates as percentages), text as text.
 */
public final class Sheets implements AutoCloseable {

    public static final MediaType XLSX = MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    public enum Format {
        TEXT, INTEGER, DECIMAL, PERCENT
    }

    /** A column: its header, how its values are shown, and its width in characters. */
    public record Column(String header, Format format, int width) {
    }

    private final XSSFWorkbook workbook = new XSSFWorkbook();
    private final Map<Format, CellStyle> styles = new EnumMap<>(Format.class);
    private final CellStyle header;

    public Sheets() {
        for (Format format : Format.values()) {
            CellStyle style = workbook.createCellStyle();
            style.setDataFormat(workbook.createDataFormat().getFormat(switch (format) {
                case TEXT -> "@";
                case INTEGER -> "0";
                case DECIMAL -> "0.00";
                case PERCENT -> "0.0%";
            }));
            styles.put(format, style);
        }
        header = workbook.createCellStyle();
        Font bold = workbook.createFont();
        bold.setBold(true);
        header.setFont(bold);
    }

    /** A new sheet with its header row. */
    public Writer sheet(String name, List<Column> columns) {
        Sheet sheet = workbook.createSheet(name);
        Row row = sheet.createRow(0);
        for (int i = 0; i < columns.size(); i++) {
            Cell cell = row.createCell(i);
            cell.setCellValue(columns.get(i).header());
            cell.setCellStyle(header);
            sheet.setColumnWidth(i, Math.min(255, columns.get(i).width()) * 256);
        }
        sheet.createFreezePane(0, 1);
        return new Writer(sheet, columns);
    }

    /** Writes rows under a sheet's header; null leaves a cell empty. */
    public final class Writer {

        private final Sheet sheet;
        private final List<Column> columns;
        private int next = 1;

        private Writer(Sheet sheet, List<Column> columns) {
            this.sheet = sheet;
            this.columns = columns;
        }

        public Writer row(Object... values) {
            Row row = sheet.createRow(next++);
            for (int i = 0; i < values.length && i < columns.size(); i++) {
                Object value = values[i];
                if (value == null) {
                    continue;
                }
                Cell cell = row.createCell(i);
                cell.setCellStyle(styles.get(columns.get(i).format()));
                if (value instanceof Number number && columns.get(i).format() != Format.TEXT) {
                    cell.setCellValue(number.doubleValue());
                } else {
                    cell.setCellValue(String.valueOf(value));
                }
            }
            return this;
        }
    }

    public byte[] bytes() {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            workbook.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file as a download, named in Chinese (RFC 5987) with an ASCII fallback. */
    public static ResponseEntity<byte[]> download(byte[] bytes, String fileName, String asciiFallback) {
        String encoded = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
        return ResponseEntity.ok().contentType(XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + asciiFallback + "\"; filename*=UTF-8''" + encoded)
                .body(bytes);
    }
}
