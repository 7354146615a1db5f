package cn.nantong.tongtongzai.platform.graphql;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

import cn.nantong.tongtongzai.platform.time.Period;

/**
 * The schema's {@code DateTime} and {@code Date} (graphql/platform.graphqls). Our own rather than
 * graphql-java-extended-scalars: that library is built for graphql-java 24 (Spring GraphQL brings 25), and ours
 * read a time without offset as Nantong time, answer every time at +08:00 and refuse bad input with the project's
 * codes INVALID_TIME / INVALID_DATE (graphql-java keeps a coercion exception's extensions on the error it reports;
 * {@link ScalarErrors} gives it a Chinese message).
 */
@Configuration(proxyBeanMethods = false)
public class TimeScalars {

    public static final String INVALID_TIME = "INVALID_TIME";
    public static final String INVALID_DATE = "INVALID_DATE";

    /** What a secretary reads when a time or a day cannot be read (after the argument's name). */
    static final Map<String, String> MESSAGES = Map.of(
            INVALID_TIME, "应为时间，如 2026-12-05T09:00+08:00（不写时区时按北京时间）。",
            INVALID_DATE, "应为日期，格式 YYYY-MM-DD，如 2026-12-05。");

    /** Seconds always written, fractions only when there are any: 2026-12-03T09:30:00+08:00. */
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    static final GraphQLScalarType DATE_TIME_SCALAR = GraphQLScalarType.newScalar().name("DateTime")
            .description("An instant, ISO-8601 with offset, answered in Nantong time (+08:00)")
            .coercing(new DateTimeCoercing()).build();

    static final GraphQLScalarType DATE_SCALAR = GraphQLScalarType.newScalar().name("Date")
            .description("A day of the Nantong calendar, ISO-8601 YYYY-MM-DD")
            .coercing(new DateCoercing()).build();

    @Bean
    RuntimeWiringConfigurer dateTimeAndDateScalars() {
        return wiring -> wiring.scalar(DATE_TIME_SCALAR).scalar(DATE_SCALAR);
    }

    /** An input time: ISO-8601 with any offset or zone, or a local time read in Nantong; normalised to +08:00. */
    public static OffsetDateTime parseDateTime(String text) {
        String value = text.strip();
        try {
            return ZonedDateTime.parse(value).withZoneSameInstant(Period.ZONE).toOffsetDateTime();
        } catch (DateTimeParseException withoutOffset) {
            return LocalDateTime.parse(value).atZone(Period.ZONE).toOffsetDateTime();
        }
    }

    /** Output of a time as fetchers give it: java.time values, or ISO text still read from Cypher. */
    static String formatDateTime(Object value) {
        OffsetDateTime time = switch (value) {
            case OffsetDateTime t -> t;
            case ZonedDateTime t -> t.toOffsetDateTime();
            case Instant t -> t.atZone(Period.ZONE).toOffsetDateTime();
            case LocalDateTime t -> t.atZone(Period.ZONE).toOffsetDateTime();
            case CharSequence text -> parseDateTime(text.toString());
            default -> throw new CoercingSerializeException("Not a time: " + value.getClass().getName());
        };
        return DATE_TIME.format(time.atZoneSameInstant(Period.ZONE));
    }

    static String formatDate(Object value) {
        LocalDate day = switch (value) {
            case LocalDate d -> d;
            case CharSequence text -> LocalDate.parse(text.toString().strip());
            case OffsetDateTime t -> t.atZoneSameInstant(Period.ZONE).toLocalDate();
            case ZonedDateTime t -> t.withZoneSameInstant(Period.ZONE).toLocalDate();
            default -> throw new CoercingSerializeException("Not a day: " + value.getClass().getName());
        };
        return day.toString();
    }

    private static final class DateTimeCoercing implements Coercing<OffsetDateTime, String> {

        private static final String MESSAGE = MESSAGES.get(INVALID_TIME);

        @Override
        public String serialize(Object value, GraphQLContext context, Locale locale) {
            try {
                return formatDateTime(value);
            } catch (DateTimeParseException e) {
                throw new CoercingSerializeException("Not an ISO-8601 time: " + value, e);
            }
        }

        @Override
        public OffsetDateTime parseValue(Object input, GraphQLContext context, Locale locale) {
            if (input instanceof OffsetDateTime time) {
                return time.atZoneSameInstant(Period.ZONE).toOffsetDateTime();
            }
            try {
                if (input instanceof String text) {
                    return parseDateTime(text);
                }
            } catch (DateTimeParseException e) {
                // fall through to the refusal
            }
            throw CoercingParseValueException.newCoercingParseValueException().message(MESSAGE)
                    .extensions(Map.of("code", INVALID_TIME)).build();
        }

        @Override
        public OffsetDateTime parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
                Locale locale) {
            try {
                if (input instanceof StringValue text) {
                    return parseDateTime(text.getValue());
                }
            } catch (DateTimeParseException e) {
                // fall through to the refusal
            }
            throw CoercingParseLiteralException.newCoercingParseLiteralException().message(MESSAGE)
                    .extensions(Map.of("code", INVALID_TIME)).build();
        }

        @Override
        public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
            return StringValue.of(serialize(input, context, locale));
        }
    }

    private static final class DateCoercing implements Coercing<LocalDate, String> {

        private static final String MESSAGE = MESSAGES.get(INVALID_DATE);

        @Override
        public String serialize(Object value, GraphQLContext context, Locale locale) {
            try {
                return formatDate(value);
            } catch (DateTimeException e) {
                throw new CoercingSerializeException("Not an ISO-8601 day: " + value, e);
            }
        }

        @Override
        public LocalDate parseValue(Object input, GraphQLContext context, Locale locale) {
            if (input instanceof LocalDate day) {
                return day;
            }
            try {
                if (input instanceof String text) {
                    return LocalDate.parse(text.strip());
                }
            } catch (DateTimeParseException e) {
                // fall through to the refusal
            }
            throw CoercingParseValueException.newCoercingParseValueException().message(MESSAGE)
                    .extensions(Map.of("code", INVALID_DATE)).build();
        }

        @Override
        public LocalDate parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
                Locale locale) {
            try {
                if (input instanceof StringValue text) {
                    return LocalDate.parse(text.getValue().strip());
                }
            } catch (DateTimeParseException e) {
                // fall through to the refusal
            }
            throw CoercingParseLiteralException.newCoercingParseLiteralException().message(MESSAGE)
                    .extensions(Map.of("code", INVALID_DATE)).build();
        }

        @Override
        public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
            return StringValue.of(serialize(input, context, locale));
        }
    }
}
