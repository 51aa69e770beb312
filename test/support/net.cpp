#include "support/net.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace meshdns::test {
namespace {

// Binds 127.0.0.1:port (0 = any) with the socket type; returns the bound port, or 0 on failure.
std::uint16_t bind_loopback(int type, std::uint16_t port) {
  const int fd = ::socket(AF_INET, type, 0);
  if (fd < 0) {
    return 0;
  }
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(port);
  std::uint16_t bound = 0;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) {
    socklen_t length = sizeof address;
    if (::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
      bound = ntohs(address.sin_port);
    }
  }
  ::close(fd);
  return bound;
}

}  // namespace

std::uint16_t free_tcp_port() {
  const std::uint16_t port = bind_loopback(SOCK_STREAM, 0);
  if (port == 0) {
    throw std::runtime_error("no free TCP port on 127.0.0.1");
  }
  return port;
}

std::uint16_t free_dns_port() {
  for (int attempt = 0; attempt < 50; ++attempt) {
    const std::uint16_t port = bind_loopback(SOCK_DGRAM, 0);
    if (port != 0 && bind_loopback(SOCK_STREAM, port) == port) {
      return port;
    }
  }
  throw std::runtime_error("no port free for both UDP and TCP on 127.0.0.1");
}

}  // namespace meshdns::test
