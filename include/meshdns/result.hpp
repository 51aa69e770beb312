#pragma once

// The subset of C++23's std::expected that this project uses. g++ 12 has no <expected> in C++20 and
// Debian 12 ships no tl-expected, so this stays small enough to become an alias of std::expected
// later. Failures here are ordinary outcomes (a 409, an NXDOMAIN, a refused lint), so they are
// values, not exceptions: a signature shows what can fail and tests can assert on each part of the
// message.

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace meshdns {

// Each code maps to one exit status (see exit_code()); SPEC §4: 2 for usage/config, 1 for the rest.
enum class Errc {
  usage,         // bad flags or arguments
  config,        // kubeconfig, files, environment
  not_found,     // an object or file that must exist does not
  conflict,      // stale resourceVersion, an owner that is not us
  unauthorized,  // 401/403
  refused,       // a change we will not make (lint errors, headless Service...)
  network,       // connection, TLS, timeouts
  server,        // any other API server error
  check_failed,  // verify/status found a problem
};

// SPEC §4: `error: <what> (<why>; <fix>)`. `why` and `fix` may be empty; API Status messages go in
// `what` verbatim.
struct Error {
  Errc code = Errc::config;
  std::string what;
  std::string why;
  std::string fix;
};

inline int exit_code(Errc code) {
  switch (code) {
    case Errc::usage:
    case Errc::config:
      return 2;
    default:
      return 1;
  }
}

// One line, no trailing newline; the caller prefixes nothing but "error: ".
std::string format_error(const Error& error);

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : m_v(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit on purpose
  Result(Error error) : m_v(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool has_value() const { return m_v.index() == 0; }
  explicit operator bool() const { return has_value(); }

  T& value() & {
    assert(has_value());
    return std::get<0>(m_v);
  }
  const T& value() const& {
    assert(has_value());
    return std::get<0>(m_v);
  }
  T&& value() && {
    assert(has_value());
    return std::get<0>(std::move(m_v));
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const& {
    assert(!has_value());
    return std::get<1>(m_v);
  }
  Error&& error() && {
    assert(!has_value());
    return std::get<1>(std::move(m_v));
  }

  template <typename U>
  T value_or(U&& fallback) const& {
    return has_value() ? value() : static_cast<T>(std::forward<U>(fallback));
  }

 private:
  std::variant<T, Error> m_v;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : m_error(std::move(error)), m_failed(true) {}  // NOLINT: implicit on purpose

  bool has_value() const { return !m_failed; }
  explicit operator bool() const { return has_value(); }
  const Error& error() const& {
    assert(m_failed);
    return m_error;
  }
  Error&& error() && {
    assert(m_failed);
    return std::move(m_error);
  }

 private:
  Error m_error;
  bool m_failed = false;
};

// For call sites that build an Error inline: `return fail(Errc::usage, "what", "why", "fix");`
inline Error fail(Errc code, std::string what, std::string why = {}, std::string fix = {}) {
  return Error{code, std::move(what), std::move(why), std::move(fix)};
}

}  // namespace meshdns
