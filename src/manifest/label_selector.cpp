#include <meshdns/manifest/label_selector.hpp>
#include <meshdns/text.hpp>

#include <charconv>
#include <optional>

namespace meshdns::manifest {
namespace {

using Op = LabelSelector::Op;
using Requirement = LabelSelector::Requirement;

// Label keys ([prefix/]name) and values use letters, digits, '-', '_', '.'; keys also '/'.
bool is_value_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_' || c == '.';
}
bool is_key_char(char c) {
  return is_value_char(c) || c == '/';
}
bool is_space(char c) {
  return c == ' ' || c == '\t';
}

// Splits at the commas that separate requirements, not the ones inside `in (a,b)`.
std::optional<std::vector<std::string_view>> split_requirements(std::string_view text) {
  std::vector<std::string_view> parts;
  int depth = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '(') {
      ++depth;
    } else if (text[i] == ')') {
      --depth;
    } else if (text[i] == ',' && depth == 0) {
      parts.push_back(trim(text.substr(start, i - start)));
      start = i + 1;
    }
    if (depth < 0 || depth > 1) {
      return std::nullopt;
    }
  }
  if (depth != 0) {
    return std::nullopt;
  }
  parts.push_back(trim(text.substr(start)));
  return parts;
}

bool valid_value(std::string_view value) {
  if (value.size() > 63) {
    return false;
  }
  for (const char c : value) {
    if (!is_value_char(c)) {
      return false;
    }
  }
  return true;
}

bool is_integer(std::string_view text) {
  long long number = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  return error == std::errc{} && end == text.data() + text.size() && !text.empty();
}

// Why one requirement does not parse, or the requirement.
Result<Requirement> parse_requirement(std::string_view text, std::string_view selector) {
  auto bad = [&](std::string why) -> Error {
    return Error{Errc::usage, cat("invalid label selector \"", selector, "\""), std::move(why),
                 "write requirements like app=web, tier!=db, env in (a,b), !legacy"};
  };
  Requirement requirement;
  std::string_view rest = text;
  if (!rest.empty() && rest.front() == '!') {
    requirement.op = Op::does_not_exist;
    rest = trim(rest.substr(1));
  }
  std::size_t key_end = 0;
  while (key_end < rest.size() && is_key_char(rest[key_end])) {
    ++key_end;
  }
  requirement.key = std::string(rest.substr(0, key_end));
  if (requirement.key.empty()) {
    return bad(cat("\"", text, "\" has no label key"));
  }
  rest = trim(rest.substr(key_end));
  if (requirement.op == Op::does_not_exist || rest.empty()) {
    if (!rest.empty()) {
      return bad(cat("unexpected \"", rest, "\" after !", requirement.key));
    }
    return requirement;
  }

  // Longest spelling first, so "==" is not read as "=" and "notin" not as a key.
  struct Spelling {
    std::string_view text;
    Op op;
    bool word;  // `in`/`notin` must be followed by a space or '('
  };
  static constexpr Spelling k_operators[] = {
      {"==", Op::equals, false}, {"!=", Op::not_equals, false}, {"=", Op::equals, false},
      {">", Op::greater, false}, {"<", Op::less, false},        {"notin", Op::not_in, true},
      {"in", Op::in, true}};
  std::size_t op_size = 0;
  for (const auto& spelling : k_operators) {
    const std::size_t size = spelling.text.size();
    if (starts_with(rest, spelling.text) &&
        (!spelling.word || (rest.size() > size && (is_space(rest[size]) || rest[size] == '(')))) {
      requirement.op = spelling.op;
      op_size = size;
      break;
    }
  }
  if (op_size == 0) {
    return bad(cat("\"", rest, "\" is not an operator (=, ==, !=, in, notin, >, <)"));
  }
  rest = trim(rest.substr(op_size));

  if (requirement.op == Op::in || requirement.op == Op::not_in) {
    if (rest.size() < 2 || rest.front() != '(' || rest.back() != ')') {
      return bad(cat("the values of ", requirement.key, " must be in parentheses"));
    }
    for (const auto value : split(rest.substr(1, rest.size() - 2), ',')) {
      const std::string_view trimmed = trim(value);
      if (!valid_value(trimmed)) {
        return bad(cat("\"", trimmed, "\" is not a valid label value"));
      }
      requirement.values.emplace_back(trimmed);
    }
    return requirement;
  }
  if (requirement.op == Op::greater || requirement.op == Op::less) {
    if (!is_integer(rest)) {
      return bad(cat("\"", rest, "\" is not an integer"));
    }
  } else if (!valid_value(rest)) {
    return bad(cat("\"", rest, "\" is not a valid label value"));
  }
  requirement.values.emplace_back(rest);
  return requirement;
}

const std::string* label_value(const nlohmann::json& labels, const std::string& key) {
  if (!labels.is_object()) {
    return nullptr;
  }
  const auto found = labels.find(key);
  return found != labels.end() && found->is_string() ? found->get_ptr<const std::string*>()
                                                     : nullptr;
}

bool holds(const Requirement& requirement, const nlohmann::json& labels) {
  const std::string* value = label_value(labels, requirement.key);
  auto listed = [&] {
    for (const auto& wanted : requirement.values) {
      if (value != nullptr && *value == wanted) {
        return true;
      }
    }
    return false;
  };
  switch (requirement.op) {
    case Op::exists:
      return value != nullptr;
    case Op::does_not_exist:
      return value == nullptr;
    case Op::equals:
    case Op::in:
      return listed();
    case Op::not_equals:
    case Op::not_in:
      return !listed();  // like the API server: an object without the label matches
    case Op::greater:
    case Op::less: {
      if (value == nullptr || !is_integer(*value)) {
        return false;
      }
      const long long have = std::stoll(*value);
      const long long bound = std::stoll(requirement.values.front());
      return requirement.op == Op::greater ? have > bound : have < bound;
    }
  }
  return false;
}

}  // namespace

Result<LabelSelector> LabelSelector::parse(std::string_view text) {
  LabelSelector selector;
  const std::string_view trimmed = trim(text);
  if (trimmed.empty()) {
    return selector;
  }
  const auto parts = split_requirements(trimmed);
  if (!parts) {
    return fail(Errc::usage, cat("invalid label selector \"", text, "\""),
                "its parentheses do not pair up",
                "write requirements like app=web, tier!=db, env in (a,b), !legacy");
  }
  for (const auto part : *parts) {
    auto requirement = parse_requirement(part, text);
    if (!requirement) {
      return std::move(requirement).error();
    }
    selector.m_requirements.push_back(std::move(*requirement));
  }
  return selector;
}

bool LabelSelector::matches(const nlohmann::json& labels) const {
  for (const auto& requirement : m_requirements) {
    if (!holds(requirement, labels)) {
      return false;
    }
  }
  return true;
}

}  // namespace meshdns::manifest
