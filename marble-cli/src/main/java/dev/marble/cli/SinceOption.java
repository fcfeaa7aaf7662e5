package dev.marble.cli;

import dev.marble.error.UsageException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code --since}: an age ({@code 90m}, {@code 2h}, {@code 3d}) or a date or time ({@code 2026-12-01}, ISO-8601). */
final class SinceOption {

    private static final Pattern AGE = Pattern.compile("(\\d+)([smhd])");

    private SinceOption() {}

    /** The instant {@code text} names, dates and local times read in {@code zone}. */
    static Instant parse(String text, Instant now, ZoneId zone) {
        Matcher age = AGE.matcher(text.strip());
        if (age.matches()) {
            long n = Long.parseLong(age.group(1));
            Duration back = switch (age.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
            return now.minus(back);
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notAnInstant) {
            try {
                return LocalDateTime.parse(text).atZone(zone).toInstant();
            } catch (DateTimeParseException notALocalTime) {
                try {
                    return LocalDate.parse(text).atStartOfDay(zone).toInstant();
                } catch (DateTimeParseException notADate) {
                    throw new UsageException("--since " + text
                            + ": expected an age (90m, 2h, 3d) or a date or time (2026-12-01, 2026-12-01T08:00)");
                }
            }
        }
    }
}
