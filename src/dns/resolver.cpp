#include "dns/message.hpp"

#include <meshdns/dns/resolver.hpp>
#include <meshdns/text.hpp>

#include <ares.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>

namespace meshdns::dns {
namespace {

constexpr int k_receive_buffer_bytes = 4 << 20;

// c-ares wants one process-wide init before the first channel; it is a no-op on Linux today but
// not guaranteed to stay one.
bool library_ready() {
  static const bool ready = ares_library_init(ARES_LIB_INIT_ALL) == ARES_SUCCESS;
  return ready;
}

int query_type(RecordType type) {
  return type == RecordType::aaaa ? k_type_aaaa : k_type_a;
}

// ares_query has already turned the response code into a status: NXDOMAIN -> ENOTFOUND, NOERROR
// without answers -> ENODATA, SERVFAIL -> ESERVFAIL, REFUSED -> EREFUSED (with NOCHECKRESP, below).
Answer answer_from(int status, const unsigned char* message, int length) {
  Answer answer;
  switch (status) {
    case ARES_SUCCESS: {
      auto records = parse_answer_records(message, static_cast<std::size_t>(length));
      if (!records) {
        answer.outcome = Outcome::error;
        answer.detail = cat(records.error().what, ": ", records.error().why);
        return answer;
      }
      answer.outcome = Outcome::answer;
      answer.records = std::move(*records);
      return answer;
    }
    case ARES_ENODATA:
      answer.outcome = Outcome::nodata;
      return answer;
    case ARES_ENOTFOUND:
      answer.outcome = Outcome::nxdomain;
      return answer;
    case ARES_ESERVFAIL:
      answer.outcome = Outcome::servfail;
      return answer;
    case ARES_EREFUSED:
      answer.outcome = Outcome::refused;
      return answer;
    case ARES_ETIMEOUT:
      answer.outcome = Outcome::timeout;
      return answer;
    default:
      answer.outcome = Outcome::error;
      answer.detail = ares_strerror(status);
      return answer;
  }
}

}  // namespace

struct Resolver::Impl {
  ares_channel channel = nullptr;
  std::size_t concurrency = 1;
  std::string servers = "the servers of /etc/resolv.conf";
  StreamOpener open_stream;  // when set, c-ares's sockets come from here (socket_functions below)

  ~Impl() {
    if (channel != nullptr) {
      ares_destroy(channel);
    }
  }
};

namespace {

// One query's slot: where its answer goes and the counter its completion decrements.
struct Pending {
  Answer* answer = nullptr;
  std::size_t* in_flight = nullptr;
  const std::string* servers = nullptr;  // named in a failure that is not the server's answer
};

void on_answer(void* arg, int status, int /*timeouts*/, unsigned char* message, int length) {
  auto* pending = static_cast<Pending*>(arg);
  *pending->answer = answer_from(status, message, length);
  if (pending->answer->outcome == Outcome::error && pending->servers != nullptr) {
    // "Could not contact DNS servers" says nothing of which: name them.
    pending->answer->detail += cat(" (", *pending->servers, ")");
  }
  --*pending->in_flight;
}

// Waits for the channel's sockets or its next timeout, then lets c-ares read, write and expire.
void process_once(ares_channel channel) {
  std::array<ares_socket_t, ARES_GETSOCK_MAXNUM> sockets{};
  const int mask = ares_getsock(channel, sockets.data(), ARES_GETSOCK_MAXNUM);
  std::array<pollfd, ARES_GETSOCK_MAXNUM> polled{};
  nfds_t count = 0;
  for (int i = 0; i < ARES_GETSOCK_MAXNUM; ++i) {
    const bool readable = ARES_GETSOCK_READABLE(mask, i);
    const bool writable = ARES_GETSOCK_WRITABLE(mask, i);
    if (!readable && !writable) {
      continue;
    }
    polled[count++] =
        pollfd{sockets[static_cast<std::size_t>(i)],
               static_cast<short>((readable ? POLLIN : 0) | (writable ? POLLOUT : 0)), 0};
  }
  timeval longest{1, 0};  // c-ares returns no timeout while nothing waits; never block forever
  timeval next{};
  const timeval* wait = ares_timeout(channel, &longest, &next);
  const int wait_ms = static_cast<int>(wait->tv_sec * 1000 + wait->tv_usec / 1000);
  const int ready = ::poll(polled.data(), count, wait_ms);
  if (ready <= 0) {
    ares_process_fd(channel, ARES_SOCKET_BAD, ARES_SOCKET_BAD);  // timeouts only
    return;
  }
  for (nfds_t i = 0; i < count; ++i) {
    const short events = polled[i].revents;
    if (events == 0) {
      continue;
    }
    const bool read = (events & (POLLIN | POLLERR | POLLHUP)) != 0;
    const bool write = (events & POLLOUT) != 0;
    ares_process_fd(channel, read ? polled[i].fd : ARES_SOCKET_BAD,
                    write ? polled[i].fd : ARES_SOCKET_BAD);
  }
}

// c-ares's socket functions for StreamOpener: the "socket" is an already connected stream, so
// connecting is a no-op, and reads and writes are plain recv/sendmsg on it.
ares_socket_t open_socket(int /*family*/, int type, int /*protocol*/, void* user) {
  if (type != SOCK_STREAM) {
    errno = EPROTONOSUPPORT;  // USEVC is set: c-ares never asks for UDP here
    return ARES_SOCKET_BAD;
  }
  const int fd = static_cast<Resolver::Impl*>(user)->open_stream();
  return fd < 0 ? ARES_SOCKET_BAD : fd;
}

int close_socket(ares_socket_t fd, void* /*user*/) {
  return ::close(fd);
}

int connect_socket(ares_socket_t /*fd*/, const sockaddr* /*address*/, ares_socklen_t /*length*/,
                   void* /*user*/) {
  return 0;
}

ares_ssize_t receive_from(ares_socket_t fd, void* buffer, std::size_t length, int flags,
                          sockaddr* /*from*/, ares_socklen_t* /*from_length*/, void* /*user*/) {
  return ::recv(fd, buffer, length, flags);
}

ares_ssize_t send_vector(ares_socket_t fd, const iovec* vector, int count, void* /*user*/) {
  msghdr message{};
  message.msg_iov = const_cast<iovec*>(vector);
  message.msg_iovlen = static_cast<std::size_t>(count);
  return ::sendmsg(fd, &message, MSG_NOSIGNAL);  // a closed stream is an error, not SIGPIPE
}

constexpr ares_socket_functions k_stream_functions{&open_socket, &close_socket, &connect_socket,
                                                   &receive_from, &send_vector};

std::string servers_csv(const std::vector<ServerAddress>& servers) {
  std::vector<std::string> parts;
  parts.reserve(servers.size());
  for (const auto& server : servers) {
    parts.push_back(to_string(server));
  }
  return join(parts, ",");
}

}  // namespace

Result<Resolver> Resolver::create(const ResolverOptions& options) {
  if (!library_ready()) {
    return fail(Errc::config, "cannot initialise c-ares", "ares_library_init failed", "");
  }
  ares_options settings{};
  // NOCHECKRESP: by default c-ares hides a SERVFAIL or REFUSED behind a retry and then reports
  // "could not contact DNS servers"; verify must say what the server answered.
  const bool tcp = options.transport == Transport::tcp || options.open_stream;
  settings.flags = ARES_FLAG_NOSEARCH | ARES_FLAG_NOCHECKRESP | (tcp ? ARES_FLAG_USEVC : 0);
  settings.timeout = static_cast<int>(options.query_timeout.count());
  settings.tries = options.tries;
  // Hundreds of answers can arrive between two reads; the default 208 KiB receive buffer then drops
  // some, and each drop costs a whole query timeout. The kernel caps this at net.core.rmem_max.
  settings.socket_receive_buffer_size = k_receive_buffer_bytes;
  const int mask = ARES_OPT_FLAGS | ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES | ARES_OPT_SOCK_RCVBUF;
  auto impl = std::make_unique<Impl>();
  impl->concurrency = options.concurrency == 0 ? 1 : options.concurrency;
  const int status = ares_init_options(&impl->channel, &settings, mask);
  if (status != ARES_SUCCESS) {
    return fail(Errc::config, "cannot set up the DNS resolver", ares_strerror(status),
                "check /etc/resolv.conf or pass --server HOST[:PORT]");
  }
  if (options.open_stream) {
    // c-ares wants a server address; the socket functions never connect to it.
    impl->open_stream = options.open_stream;
    ares_set_servers_ports_csv(impl->channel, "127.0.0.1:53");
    ares_set_socket_functions(impl->channel, &k_stream_functions, impl.get());
  } else if (!options.servers.empty()) {
    const std::string csv = servers_csv(options.servers);
    impl->servers = csv;
    const int set = ares_set_servers_ports_csv(impl->channel, csv.c_str());
    if (set != ARES_SUCCESS) {
      return fail(Errc::config, cat("c-ares rejects the servers ", csv), ares_strerror(set),
                  "pass literal addresses, e.g. --server 10.0.0.10:53");
    }
  }
  return Resolver(std::move(impl));
}

Resolver::Resolver(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Resolver::Resolver(Resolver&&) noexcept = default;
Resolver& Resolver::operator=(Resolver&&) noexcept = default;
Resolver::~Resolver() = default;

std::vector<Answer> Resolver::resolve(const std::vector<Question>& questions) {
  std::vector<Answer> answers(questions.size());
  std::vector<Pending> pending(questions.size());
  std::size_t in_flight = 0;
  std::size_t next = 0;
  while (next < questions.size() || in_flight > 0) {
    // Keep the window full: a bounded number in flight keeps the server's and our socket buffers
    // from overflowing, which would turn into timeouts under load.
    while (in_flight < m_impl->concurrency && next < questions.size()) {
      pending[next] = Pending{&answers[next], &in_flight, &m_impl->servers};
      ++in_flight;  // before ares_query: it may call back at once
      ares_query(m_impl->channel, questions[next].name.c_str(), /*dnsclass=*/1,
                 query_type(questions[next].type), &on_answer, &pending[next]);
      ++next;
    }
    if (in_flight > 0) {
      process_once(m_impl->channel);
    }
  }
  return answers;
}

}  // namespace meshdns::dns
