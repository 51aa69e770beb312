#include <meshdns/manifest/age.hpp>
#include <meshdns/text.hpp>

#include <charconv>
#include <cstdint>

namespace meshdns::manifest {

namespace {

// Reads exactly `width` digits at `at`.
bool read_number(std::string_view text, std::size_t at, std::size_t width, int& out) {
  if (at + width > text.size()) {
    return false;
  }
  for (std::size_t i = at; i < at + width; ++i) {
    if (text[i] < '0' || text[i] > '9') {
      return false;
    }
  }
  std::from_chars(text.data() + at, text.data() + at + width, out);
  return true;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
std::int64_t days_from_civil(int year, unsigned month, unsigned day) {
  year -= month <= 2 ? 1 : 0;
  const int era = (year >= 0 ? year : year - 399) / 400;
  const auto year_of_era = static_cast<unsigned>(year - era * 400);
  const unsigned day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return static_cast<std::int64_t>(era) * 146097 + static_cast<std::int64_t>(day_of_era) - 719468;
}

}  // namespace

std::optional<std::chrono::system_clock::time_point> parse_timestamp(std::string_view text) {
  // YYYY-MM-DDTHH:MM:SS then optional .fraction then Z or +HH:MM / -HH:MM.
  int year = 0;
  int month = 0;
  int day = 0;
  int hour = 0;
  int minute = 0;
  int second = 0;
  if (text.size() < 20 || !read_number(text, 0, 4, year) || text[4] != '-' ||
      !read_number(text, 5, 2, month) || text[7] != '-' || !read_number(text, 8, 2, day) ||
      (text[10] != 'T' && text[10] != 't') || !read_number(text, 11, 2, hour) || text[13] != ':' ||
      !read_number(text, 14, 2, minute) || text[16] != ':' || !read_number(text, 17, 2, second)) {
    return std::nullopt;
  }
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) {
    return std::nullopt;
  }
  std::size_t at = 19;
  if (text[at] == '.') {
    ++at;
    const std::size_t digits = at;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') {
      ++at;
    }
    if (at == digits) {
      return std::nullopt;
    }
  }
  int offset_minutes = 0;
  if (at < text.size() && (text[at] == 'Z' || text[at] == 'z')) {
    ++at;
  } else if (at < text.size() && (text[at] == '+' || text[at] == '-')) {
    int offset_hours = 0;
    int offset_mins = 0;
    if (!read_number(text, at + 1, 2, offset_hours) || at + 3 >= text.size() ||
        text[at + 3] != ':' || !read_number(text, at + 4, 2, offset_mins)) {
      return std::nullopt;
    }
    offset_minutes = (offset_hours * 60 + offset_mins) * (text[at] == '-' ? -1 : 1);
    at += 6;
  } else {
    return std::nullopt;
  }
  if (at != text.size()) {
    return std::nullopt;
  }
  const std::int64_t seconds =
      days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86'400 +
      hour * 3'600 + minute * 60 + second - offset_minutes * 60;
  return std::chrono::system_clock::time_point(std::chrono::seconds(seconds));
}

std::string human_duration(std::chrono::seconds elapsed) {
  const std::int64_t seconds = elapsed.count();
  if (seconds < -1) {
    return "<invalid>";
  }
  if (seconds < 0) {
    return "0s";
  }
  // Shows `big` units, and `small` ones too when they are not zero.
  const auto two_units = [](std::int64_t big, char big_unit, std::int64_t small, char small_unit) {
    return small == 0 ? cat(big, big_unit) : cat(big, big_unit, small, small_unit);
  };
  const std::int64_t minutes = seconds / 60;
  const std::int64_t hours = minutes / 60;
  const std::int64_t days = hours / 24;
  const std::int64_t years = days / 365;
  if (minutes < 2) {
    return cat(seconds, 's');
  }
  if (minutes < 10) {
    return two_units(minutes, 'm', seconds % 60, 's');
  }
  if (hours < 3) {
    return cat(minutes, 'm');
  }
  if (hours < 8) {
    return two_units(hours, 'h', minutes % 60, 'm');
  }
  if (days < 2) {
    return cat(hours, 'h');
  }
  if (days < 8) {
    return two_units(days, 'd', hours % 24, 'h');
  }
  if (years < 2) {
    return cat(days, 'd');
  }
  if (years < 8) {
    return two_units(years, 'y', days % 365, 'd');
  }
  return cat(years, 'y');
}

std::string object_age(std::string_view creation_timestamp,
                       std::chrono::system_clock::time_point now) {
  const auto created = parse_timestamp(creation_timestamp);
  if (!created) {
    return "<unknown>";
  }
  return human_duration(std::chrono::duration_cast<std::chrono::seconds>(now - *created));
}

}  // namespace meshdns::manifest
