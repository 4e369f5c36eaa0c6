// The bytes a SOCKS5 proxy answers, read in the order socks5.cpp reads them: the method
// selection, the RFC 1929 status when username/password was chosen, the CONNECT reply's
// head, then the rest of its address. The first input byte says whether our side offered
// credentials. Oracle: the rest never exceeds the fixed buffer socks5.cpp reads it into.
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "utils/transport/socks5_protocol.hpp"

namespace {

// socks5.cpp reads the rest of BND.ADDR and BND.PORT into std::array<uint8_t, 256 + 2>.
constexpr std::size_t kRestBufferBytes = 256 + 2;

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace socks5 = bigbrotr::utils::socks5;
  if (size == 0) return 0;
  bigbrotr::utils::Socks5Proxy proxy{.host = "127.0.0.1", .port = 9050};
  if ((data[0] & 1) != 0) {
    proxy.username = "user";
    proxy.password = "secret";
  }
  std::span<const std::uint8_t> replies(data + 1, size - 1);

  if (replies.size() < 2) return 0;
  const auto method = socks5::decode_method_selection(replies.first<2>(), proxy);
  replies = replies.subspan(2);
  if (!method) return 0;
  if (method.value() == socks5::kMethodUserPass) {
    if (!proxy.username) std::abort();  // never chosen unless offered
    if (replies.size() < 2) return 0;
    if (!socks5::decode_user_pass_reply(replies.first<2>())) return 0;
    replies = replies.subspan(2);
  }
  if (replies.size() < 5) return 0;
  const auto rest = socks5::decode_connect_reply_head(replies.first<5>());
  if (rest && rest.value() > kRestBufferBytes) std::abort();
  return 0;
}
