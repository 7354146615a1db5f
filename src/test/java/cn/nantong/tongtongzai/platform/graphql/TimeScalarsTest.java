package cn.nantong.tongtongzai.platform.graphql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;

import graphql.GraphQLContext;
import graphql.GraphQLError;
import graphql.execution.CoercedVariables;
import graphql.language.IntValue;
import graphql.language.StringValue;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;

import java.math.BigInteger;

import org.junit.jupiter.api.Test;

/** DateTime and Date: what they accept, how they answer, and the codes they refuse with. */
class TimeScalarsTest {

    private static final GraphQLContext CONTEXT = GraphQLContext.getDefault();
    @SuppressWarnings("unchecked")
    private static final Coercing<OffsetDateTime, String> DATE_TIME =
            (Coercing<OffsetDateTime, String>) TimeScalars.DATE_TIME_SCALAR.getCoercing();
    @SuppressWarnings("unchecked")
    private static final Coercing<LocalDate, String> DATE = (Coercing<LocalDate, String>) TimeScalars.DATE_SCALAR.getCoercing();

    @Test
    void timesAreAnsweredInNantongTimeWithSeconds() {
        OffsetDateTime utc = OffsetDateTime.of(2026, 12, 3, 1, 30, 0, 0, ZoneOffset.UTC);
        assertThat(serialize(utc)).isEqualTo("2026-12-03T09:30:00+08:00");
        assertThat(serialize(utc.atZoneSameInstant(ZoneId.of("Europe/Berlin")))).isEqualTo("2026-12-03T09:30:00+08:00");
        assertThat(serialize(utc.toInstant())).isEqualTo("2026-12-03T09:30:00+08:00");
        assertThat(serialize(LocalDateTime.of(2026, 12, 3, 9, 30))).isEqualTo("2026-12-03T09:30:00+08:00");
        // ISO text as Cypher's toString(datetime) still gives it, with or without a zone id
        assertThat(serialize("2026-12-03T09:30+08:00")).isEqualTo("2026-12-03T09:30:00+08:00");
        assertThat(serialize("2026-12-03T09:30:00.250+08:00[Asia/Shanghai]")).isEqualTo("2026-12-03T09:30:00.25+08:00");
        assertThat(serialize(Instant.parse("2026-12-03T01:30:00Z"))).isEqualTo("2026-12-03T09:30:00+08:00");
    }

    @Test
    void inputTimesAreNormalisedToNantongTime() {
        OffsetDateTime expected = OffsetDateTime.of(2026, 12, 3, 9, 30, 0, 0, ZoneOffset.ofHours(8));
        for (String text : new String[] {"2026-12-03T01:30:00Z", "2026-12-03T02:30+01:00", "2026-12-03T09:30",
                " 2026-12-03T09:30:00+08:00 "}) {
            assertThat(DATE_TIME.parseValue(text, CONTEXT, Locale.ROOT)).as(text).isEqualTo(expected);
            assertThat(DATE_TIME.parseLiteral(StringValue.of(text), CoercedVariables.emptyVariables(), CONTEXT,
                    Locale.ROOT)).as(text).isEqualTo(expected);
        }
        assertThat(DATE_TIME.parseValue("2026-12-03T01:30:00Z", CONTEXT, Locale.ROOT).getOffset())
                .isEqualTo(ZoneOffset.ofHours(8));
    }

    @Test
    void badTimesAreRefusedWithInvalidTime() {
        for (String text : new String[] {"明天", "2026-12-03", "2026-13-03T09:30+08:00", "09:30", ""}) {
            assertThatThrownBy(() -> DATE_TIME.parseValue(text, CONTEXT, Locale.ROOT)).as(text)
                    .isInstanceOf(CoercingParseValueException.class)
                    .satisfies(e -> assertThat(((GraphQLError) e).getExtensions()).containsEntry("code", "INVALID_TIME"));
            assertThatThrownBy(() -> DATE_TIME.parseLiteral(StringValue.of(text), CoercedVariables.emptyVariables(),
                    CONTEXT, Locale.ROOT)).as(text).isInstanceOf(CoercingParseLiteralException.class)
                    .satisfies(e -> assertThat(((GraphQLError) e).getExtensions()).containsEntry("code", "INVALID_TIME"));
        }
        assertThatThrownBy(() -> DATE_TIME.parseValue(20261203, CONTEXT, Locale.ROOT))
                .isInstanceOf(CoercingParseValueException.class);
        assertThatThrownBy(() -> DATE_TIME.parseLiteral(new IntValue(BigInteger.ONE), CoercedVariables.emptyVariables(),
                CONTEXT, Locale.ROOT)).isInstanceOf(CoercingParseLiteralException.class);
    }

    @Test
    void daysAreIsoLocalDates() {
        assertThat(DATE.serialize(LocalDate.of(2026, 12, 3), CONTEXT, Locale.ROOT)).isEqualTo("2026-12-03");
        assertThat(DATE.serialize("2026-12-03", CONTEXT, Locale.ROOT)).isEqualTo("2026-12-03");
        // a time answered as a day is the day in Nantong: 20:00 UTC is already the next morning there
        assertThat(DATE.serialize(OffsetDateTime.of(2026, 12, 3, 20, 0, 0, 0, ZoneOffset.UTC), CONTEXT, Locale.ROOT))
                .isEqualTo("2026-12-04");
        assertThat(DATE.parseValue("2026-12-03", CONTEXT, Locale.ROOT)).isEqualTo(LocalDate.of(2026, 12, 3));
        for (String text : new String[] {"昨天", "2026-02-30", "2026-12-03T09:30", "03.12.2026"}) {
            assertThatThrownBy(() -> DATE.parseValue(text, CONTEXT, Locale.ROOT)).as(text)
                    .satisfies(e -> assertThat(((GraphQLError) e).getExtensions()).containsEntry("code", "INVALID_DATE"));
            assertThatThrownBy(() -> DATE.parseLiteral(StringValue.of(text), CoercedVariables.emptyVariables(), CONTEXT,
                    Locale.ROOT)).as(text)
                    .satisfies(e -> assertThat(((GraphQLError) e).getExtensions()).containsEntry("code", "INVALID_DATE"));
        }
    }

    private static String serialize(Object value) {
        return DATE_TIME.serialize(value, CONTEXT, Locale.ROOT);
    }
}
