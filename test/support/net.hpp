#pragma once

// Free loopback ports for the servers tests start. The kernel picks one (bind to port 0), we
// release it and the server binds it right after; the window is tiny and tests retry on EADDRINUSE.

#include <cstdint>

namespace meshdns::test {

std::uint16_t free_tcp_port();
// A port free for both UDP and TCP on 127.0.0.1 (DNS servers listen on both).
std::uint16_t free_dns_port();

}  // namespace meshdns::test
