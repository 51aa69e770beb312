#include <meshdns/manifest/render.hpp>
#include <meshdns/manifest/yaml_json.hpp>

namespace meshdns::manifest {

namespace {
constexpr int k_json_indent = 4;  // kubectl get -o json
}

std::string render_yaml(const std::vector<Object>& objects) {
  std::string out;
  for (const Object& object : objects) {
    if (!out.empty()) {
      out += "---\n";
    }
    out += to_yaml(object);
  }
  return out;
}

std::string render_json(const Object& object) {
  return object.dump(k_json_indent) + "\n";
}

std::string render_json_list(const std::vector<Object>& objects) {
  Object list = Object::object();
  list["apiVersion"] = "v1";
  list["kind"] = "List";
  list["metadata"] = Object::object();
  list["items"] = objects;
  return render_json(list);
}

}  // namespace meshdns::manifest
