package cn.nantong.tongtongzai.platform.migration;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One file {@code V###__description.cypher}: statements end with a semicolon at the end of a line;
 * lines starting with {@code //} are comments.
 */
public record Migration(int version, String description, String fileName, String checksum, List<String> statements) {

    private static final Pattern FILE_NAME = Pattern.compile("V(\\d+)__(\\w[\\w-]*)\\.cypher");
    private static final Pattern STATEMENT_END = Pattern.compile(";\\s*(?:\\n|$)");

    /** Returns null when the file name does not follow {@code V###__name.cypher}. */
    static Migration parse(String fileName, String content) {
        Matcher name = FILE_NAME.matcher(fileName);
        if (!name.matches()) {
            return null;
        }
        String text = content.replace("\r\n", "\n");
        List<String> statements = Arrays.stream(STATEMENT_END.split(stripComments(text)))
                .map(String::strip)
                .filter(statement -> !statement.isEmpty())
                .toList();
        return new Migration(Integer.parseInt(name.group(1)), name.group(2).replace('_', ' '), fileName,
                sha256(text), statements);
    }

    private static String stripComments(String text) {
        StringBuilder kept = new StringBuilder();
        for (String line : text.split("\n")) {
            if (!line.strip().startsWith("//")) {
                kept.append(line).append('\n');
            }
        }
        return kept.toString();
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
