#include "manifest/metadata.hpp"

#include <meshdns/manifest/deployment.hpp>
#include <meshdns/manifest/names.hpp>
#include <meshdns/text.hpp>

namespace meshdns::manifest {

namespace {

Object resource_amounts(const ResourceAmounts& amounts) {
  Object object = Object::object();
  object["cpu"] = amounts.cpu;
  object["memory"] = amounts.memory;
  return object;
}

Result<void> check_options(const DeploymentOptions& options, std::string_view port_name) {
  // The app name is a label value, a container name and part of the object name: the label rule is
  // the strictest of the three.
  if (auto checked = check_dns1123_label(options.app, "name"); !checked) {
    return checked;
  }
  if (!options.namespace_name.empty()) {
    if (auto checked = check_dns1123_label(options.namespace_name, "namespace"); !checked) {
      return checked;
    }
  }
  if (options.image.empty()) {
    return fail(Errc::usage, "the container image is empty", "a Deployment needs an image to run",
                "give an image, e.g. nginx:1.27");
  }
  if (auto checked = detail::check_port(options.container_port, "container port"); !checked) {
    return checked;
  }
  if (auto checked = check_port_name(port_name); !checked) {
    return checked;
  }
  if (options.version == 0) {
    return fail(Errc::usage, "version 0 is not allowed", "versions count from 1 (v1, v2, ...)",
                "give a version of 1 or more");
  }
  if (options.replicas < 0 || options.min_ready_seconds < 0 ||
      options.progress_deadline_seconds < 0) {
    return fail(Errc::usage, "replicas and durations cannot be negative",
                "Kubernetes refuses negative counts", "give 0 or more");
  }
  return {};
}

}  // namespace

std::string deployment_name(std::string_view app, unsigned version) {
  return cat(app, "-deployment-v", version);
}

std::string container_port_name(std::string_view app) {
  return cat("http-", app);
}

Result<Object> build_deployment(const DeploymentOptions& options) {
  const std::string port_name =
      options.port_name.empty() ? container_port_name(options.app) : options.port_name;
  if (auto checked = check_options(options, port_name); !checked) {
    return std::move(checked).error();
  }
  const std::string version_label = cat("v", options.version);
  const Labels labels{{"app", options.app}, {"version", version_label}};

  Object port = Object::object();
  port["name"] = port_name;
  port["containerPort"] = options.container_port;
  Object env = Object::object();
  env["name"] = "app_version";
  env["value"] = std::to_string(options.version);  // env values are strings: app_version: "1"
  Object resources = Object::object();
  resources["limits"] = resource_amounts(options.limits);
  resources["requests"] = resource_amounts(options.requests);

  Object container = Object::object();
  container["name"] = options.app;
  container["image"] = options.image;
  container["ports"] = Object::array({std::move(port)});
  container["env"] = Object::array({std::move(env)});
  container["resources"] = std::move(resources);

  Object template_metadata = Object::object();
  template_metadata["labels"] = labels;
  Object pod_spec = Object::object();
  pod_spec["containers"] = Object::array({std::move(container)});
  Object pod_template = Object::object();
  pod_template["metadata"] = std::move(template_metadata);
  pod_template["spec"] = std::move(pod_spec);

  Object selector = Object::object();
  selector["matchLabels"] = labels;
  Object spec = Object::object();
  spec["replicas"] = options.replicas;
  spec["minReadySeconds"] = options.min_ready_seconds;
  spec["progressDeadlineSeconds"] = options.progress_deadline_seconds;
  spec["selector"] = std::move(selector);
  spec["template"] = std::move(pod_template);

  Object deployment = detail::object_skeleton("apps/v1", "Deployment",
                                              deployment_name(options.app, options.version),
                                              options.namespace_name, labels);
  deployment["spec"] = std::move(spec);
  return deployment;
}

}  // namespace meshdns::manifest
