#include "manifest/yaml_scalar.hpp"

#include <meshdns/manifest/yaml_json.hpp>
#include <meshdns/text.hpp>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstddef>

namespace meshdns::manifest {

namespace {

constexpr std::string_view k_str_tag = "tag:yaml.org,2002:str";
// yaml-cpp shares aliased nodes, but JSON copies them: a "billion laughs" document of a few lines
// would expand without end. Without aliases every value takes at least one byte of the input, so a
// budget proportional to the input's size passes any real manifest (anchors included) and stops
// a bomb after a few thousand values instead of a billion.
constexpr std::size_t k_values_per_byte = 64;
constexpr std::size_t k_min_values = 100'000;

Error yaml_error(const YAML::Mark& mark, std::string what, std::string why) {
  return fail(Errc::config, cat("YAML line ", mark.line + 1, ": ", what), std::move(why),
              "fix the manifest and try again");
}

class Converter {
 public:
  explicit Converter(std::size_t max_values) : m_max_values(max_values) {}

  Result<nlohmann::json> convert(const YAML::Node& node) {
    if (++m_values > m_max_values) {
      return yaml_error(node.Mark(), "the document is too large",
                        cat("its aliases expand it to more than ", m_max_values, " values"));
    }
    switch (node.Type()) {
      case YAML::NodeType::Undefined:
      case YAML::NodeType::Null:
        return nlohmann::json(nullptr);
      case YAML::NodeType::Scalar:
        return scalar(node);
      case YAML::NodeType::Sequence:
        return sequence(node);
      case YAML::NodeType::Map:
        return map(node);
    }
    return nlohmann::json(nullptr);
  }

 private:
  static nlohmann::json scalar(const YAML::Node& node) {
    // "!" is the tag yaml-cpp gives quoted scalars: they are strings whatever they look like.
    const std::string& tag = node.Tag();
    if (tag == "!" || tag == k_str_tag) {
      return node.Scalar();
    }
    return detail::resolve_plain_scalar(node.Scalar());
  }

  Result<nlohmann::json> sequence(const YAML::Node& node) {
    nlohmann::json array = nlohmann::json::array();
    for (const YAML::Node& item : node) {
      auto converted = convert(item);
      if (!converted) {
        return converted;
      }
      array.push_back(std::move(converted).value());
    }
    return array;
  }

  Result<nlohmann::json> map(const YAML::Node& node) {
    nlohmann::json object = nlohmann::json::object();
    for (const auto& entry : node) {
      const YAML::Node& key = entry.first;
      if (!key.IsScalar() && !key.IsNull()) {
        return yaml_error(key.Mark(), "a mapping key is not a scalar",
                          "Kubernetes objects have string keys only");
      }
      // A null key (`~:`) reads as "null", as sigs.k8s.io/yaml turns it into a JSON key.
      const std::string name = key.IsNull() ? std::string("null") : key.Scalar();
      if (object.contains(name)) {
        return yaml_error(key.Mark(), cat("key \"", name, "\" appears twice in one mapping"),
                          "kubectl refuses duplicate keys and one value would be lost");
      }
      auto converted = convert(entry.second);
      if (!converted) {
        return converted;
      }
      object[name] = std::move(converted).value();
    }
    return object;
  }

  std::size_t m_max_values;
  std::size_t m_values = 0;
};

bool has_control_character(const std::string& text) {
  return std::any_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return byte < 0x20 || byte == 0x7f;
  });
}

// kubectl (go-yaml) prints a multi-line value as a literal block (`Corefile: |`) where every line
// survives one unchanged: no tab or other control character, no space before a line break, no
// leading space or break (those need an indentation indicator). yaml-cpp writes only `|`, whose
// clipping keeps exactly one final break, so other endings stay double-quoted, as go-yaml's `|-`
// and `|+` forms would be beyond it.
bool fits_literal_block(const std::string& text) {
  if (text.size() < 2 || text.back() != '\n' || text[text.size() - 2] == '\n' ||
      text.front() == ' ' || text.front() == '\n') {
    return false;
  }
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte == '\n') {
      if (text[i - 1] == ' ') {
        return false;
      }
    } else if (byte < 0x20 || byte == 0x7f) {
      return false;
    }
  }
  return true;
}

void emit_key(YAML::Emitter& out, const std::string& text) {
  // yaml-cpp writes a "\r" into a plain scalar, where a reader takes it for a line break.
  if (detail::needs_quotes(text) || has_control_character(text)) {
    out << YAML::DoubleQuoted;
  }
  out << text;
}

void emit_string(YAML::Emitter& out, const std::string& text) {
  if (fits_literal_block(text)) {
    // Without its final break: yaml-cpp ends the block with one of its own.
    out << YAML::Literal << text.substr(0, text.size() - 1);
    return;
  }
  emit_key(out, text);
}

template <typename Json>
void emit(YAML::Emitter& out, const Json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::object:
      // Empty containers as `{}` and `[]` on the key's line, where a block would print nothing.
      if (value.empty()) {
        out << YAML::Flow;
      }
      out << YAML::BeginMap;
      for (auto it = value.begin(); it != value.end(); ++it) {
        out << YAML::Key;
        emit_key(out, it.key());
        out << YAML::Value;
        emit(out, it.value());
      }
      out << YAML::EndMap;
      break;
    case nlohmann::json::value_t::array:
      if (value.empty()) {
        out << YAML::Flow;
      }
      out << YAML::BeginSeq;
      for (const auto& item : value) {
        emit(out, item);
      }
      out << YAML::EndSeq;
      break;
    case nlohmann::json::value_t::string:
      emit_string(out, value.template get_ref<const std::string&>());
      break;
    case nlohmann::json::value_t::boolean:
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float:
      // JSON's own spelling ("1.0", not "1") so a float reads back as a float.
      out << value.dump();
      break;
    case nlohmann::json::value_t::null:
    case nlohmann::json::value_t::binary:
    case nlohmann::json::value_t::discarded:
      out << YAML::Null;
      break;
  }
}

template <typename Json>
std::string emit_document(const Json& value) {
  YAML::Emitter out;
  out.SetNullFormat(YAML::LowerNull);
  emit(out, value);
  std::string text = out.c_str();
  text.push_back('\n');
  return text;
}

}  // namespace

Result<std::vector<nlohmann::json>> parse_yaml_documents(std::string_view text) {
  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAll(std::string(text));
  } catch (const YAML::Exception& error) {
    return yaml_error(error.mark, "the YAML cannot be parsed", error.msg);
  }
  std::vector<nlohmann::json> out;
  out.reserve(documents.size());
  for (const YAML::Node& document : documents) {
    if (document.IsNull()) {
      continue;  // "---" at the end, or a document of comments only
    }
    Converter converter(std::max(k_min_values, k_values_per_byte * text.size()));
    auto converted = converter.convert(document);
    if (!converted) {
      return std::move(converted).error();
    }
    out.push_back(std::move(converted).value());
  }
  return out;
}

std::string to_yaml(const nlohmann::json& value) {
  return emit_document(value);
}

std::string to_yaml(const nlohmann::ordered_json& value) {
  return emit_document(value);
}

}  // namespace meshdns::manifest
