package cn.nantong.tongtongzai.support;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A committed file derived from the code (the printed schema, docs/errors.md): the test fails when the file differs
 * from what the code gives now, naming the first differing line; with {@code -Dschema.update=true} it rewrites the
 * file instead, to be reviewed with {@code git diff} and committed.
 */
public final class GeneratedFile {

    /** The command that rewrites every generated file. */
    public static final String UPDATE = "mvn test -Dtest='PrintedSchemaTest,ErrorCodesTest,ConfigurationPropertiesTest' -Dschema.update=true";

    private GeneratedFile() {
    }

    public static void check(Path file, String expected) {
        try {
            if (Boolean.getBoolean("schema.update")) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.writeString(file, expected, StandardCharsets.UTF_8);
                System.out.println("rewrote " + file + ": review with git diff and commit it");
                return;
            }
            String actual = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
            if (actual == null) {
                fail(file + " is missing. Generate it with: " + UPDATE);
            }
            if (!actual.equals(expected)) {
                fail(file + " is stale: " + firstDifference(actual, expected) + "\nRewrite it with: " + UPDATE
                        + "\nthen review the change with git diff and commit it.");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String firstDifference(String actual, String expected) {
        List<String> was = actual.lines().toList();
        List<String> now = expected.lines().toList();
        for (int i = 0; i < Math.max(was.size(), now.size()); i++) {
            String a = i < was.size() ? was.get(i) : "<end of file>";
            String b = i < now.size() ? now.get(i) : "<end of file>";
            if (!a.equals(b)) {
                return "first difference at line " + (i + 1) + "\n  committed: " + a + "\n  now:       " + b;
            }
        }
        return "the files differ in line endings or the final newline";
    }
}
