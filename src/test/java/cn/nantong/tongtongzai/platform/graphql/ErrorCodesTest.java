package cn.nantong.tongtongzai.platform.graphql;

import static org.assertj.core.api.Assertions.assertThat;

import graphql.language.EnumTypeDefinition;
import graphql.language.EnumValueDefinition;
import graphql.schema.idl.SchemaParser;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import cn.nantong.tongtongzai.support.GeneratedFile;

/**
 * One list of refusal codes: the service's {@link ErrorCode} (which the compiler holds every refusal to), the
 * schema's {@code enum ErrorCode} front ends import (graphql/errors.graphqls) and docs/errors.md generated from it.
 */
class ErrorCodesTest {

    static final Path SCHEMA = Path.of("graphql/errors.graphqls");
    static final Path DOC = Path.of("docs/errors.md");

    @Test
    void theSchemaEnumHasExactlyTheServiceCodes() {
        List<String> inSchema = schemaValues().stream().map(EnumValueDefinition::getName).toList();
        List<String> inService = Arrays.stream(ErrorCode.values()).map(Enum::name).toList();
        assertThat(inSchema).as("enum ErrorCode in %s against %s", SCHEMA, ErrorCode.class.getName())
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(inService);
    }

    @Test
    void everyCodeIsDescribedInChineseAndEnglish() {
        assertThat(schemaValues()).allSatisfy(value -> assertThat(value.getDescription())
                .as("description of %s in %s", value.getName(), SCHEMA)
                .isNotNull()
                .satisfies(d -> assertThat(d.getContent()).containsPattern("\\p{IsHan}").containsPattern("[A-Za-z]{3,} [a-z]+")));
    }

    /** A code in the enum that no class of the service raises would be documented for nothing. */
    @Test
    void everyCodeIsRaisedSomewhere() {
        JavaClass codes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("cn.nantong.tongtongzai").get(ErrorCode.class);
        List<String> unused = Arrays.stream(ErrorCode.values())
                .filter(code -> codes.getField(code.name()).getAccessesToSelf().stream()
                        .noneMatch(access -> !access.getOriginOwner().equals(codes)))
                .map(Enum::name).toList();
        assertThat(unused).as("codes no class of the service uses: remove them from ErrorCode and %s", SCHEMA)
                .isEmpty();
    }

    @Test
    void docsErrorsIsGeneratedFromTheSchema() {
        GeneratedFile.check(DOC, errorsDoc(schemaValues()));
    }

    static List<EnumValueDefinition> schemaValues() {
        EnumTypeDefinition codes = new SchemaParser().parse(SCHEMA.toFile())
                .getType("ErrorCode", EnumTypeDefinition.class).orElseThrow();
        return codes.getEnumValueDefinitions();
    }

    static String errorsDoc(List<EnumValueDefinition> values) {
        String rows = values.stream()
                .map(v -> "| `" + v.getName() + "` | " + v.getDescription().getContent().replace("|", "\\|") + " |")
                .collect(Collectors.joining("\n"));
        return """
                # Error codes

                <!-- Generated from enum ErrorCode in graphql/errors.graphqls by ErrorCodesTest: edit the schema, then
                     %s -->

                Every refusal is a GraphQL error whose `extensions.code` is one of the codes below and whose `message`
                is in Chinese for the secretary; nothing was written. Front ends can import the list as the schema's
                `enum ErrorCode` (in `graphql/schema.printed.graphql`, see [front-ends.md](front-ends.md)).

                - One input with several problems: the code is `INVALID_INPUT` and `extensions.problems` lists each
                  `{field, code, message}` (the codes are from the same list).
                - `TOO_MANY_ATTEMPTS` carries `extensions.retryAt`, when to try again.
                - Plain-HTTP refusals use the same codes in a JSON body `{code, message}`: `UNAUTHENTICATED` (401),
                  `MALFORMED_REQUEST` (400) and `REQUEST_TOO_LARGE` (413) before GraphQL runs, and the spreadsheet
                  downloads and uploads. `SERVICE_BUSY` and `REQUEST_TIMEOUT` answer 503, `TOO_MANY_EXPENSIVE_REQUESTS`
                  429, with `Retry-After` where trying again helps.
                - Without a code: a document the schema does not allow (`extensions.classification` `ValidationError`
                  or `InvalidSyntax`), and an unexpected failure (`INTERNAL_ERROR`, no internals; the log has the rest).

                | Code | 说明 · when it happens |
                |---|---|
                %s
                """.formatted(GeneratedFile.UPDATE, rows);
    }
}
