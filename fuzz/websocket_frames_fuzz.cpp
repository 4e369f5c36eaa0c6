// The frames a relay sends after the WebSocket upgrade, read by a Beast client stream
// configured as websocket.cpp configures it (no permessage-deflate, no Beast message cap)
// and assembled with websocket.cpp's own cap logic: read_some in pieces, and stop as soon
// as a message is one byte over the cap. The upgrade itself is done for real against a
// Beast server stream over an in-memory pipe; the fuzz input is what arrives next.
// The first input byte sets the cap (small, so that inputs of a few KB reach it: the logic
// is the same for the production cap of 4 MiB). Oracle: no message is kept beyond the cap.
#include <boost/asio/io_context.hpp>
#include <boost/beast/_experimental/test/stream.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

namespace beast = boost::beast;
namespace websocket = beast::websocket;
using Pipe = beast::test::stream;

// websocket.cpp's kReadChunk: the largest piece read at once while assembling a message.
constexpr std::size_t kReadChunk = 64 * 1024;
// Messages read per input; enough for ping/pong and fragment interleavings.
constexpr int kMaxMessages = 16;

// Upgrades `client` against `server`; false if Beast refused (it never should).
bool upgrade(boost::asio::io_context& io, websocket::stream<Pipe>& client, websocket::stream<Pipe>& server) {
  websocket::permessage_deflate no_compression;
  no_compression.client_enable = false;
  no_compression.server_enable = false;
  client.set_option(no_compression);
  client.read_message_max(0);  // websocket.cpp enforces its cap itself
  client.auto_fragment(false);
  beast::error_code accept_ec;
  beast::error_code handshake_ec;
  server.async_accept([&](beast::error_code ec) { accept_ec = ec; });
  client.async_handshake("relay.example", "/", [&](beast::error_code ec) { handshake_ec = ec; });
  io.run();
  return !accept_ec && !handshake_ec;
}

// One message under websocket.cpp's read_message rules; false when the read failed or
// the message went over `cap`.
bool read_message(websocket::stream<Pipe>& client, beast::flat_buffer& buffer, std::size_t cap) {
  buffer.clear();
  do {
    const std::size_t room = cap + 1 - buffer.size();
    beast::error_code ec;
    client.read_some(buffer, std::min(room, kReadChunk), ec);
    if (ec) return false;
    if (buffer.size() > cap + 1) std::abort();
    if (buffer.size() > cap) return false;
  } while (!client.is_message_done());
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t cap = std::size_t{data[0]} * 16 + 1;
  boost::asio::io_context io;
  websocket::stream<Pipe> client(io);
  websocket::stream<Pipe> server(io);
  client.next_layer().connect(server.next_layer());
  if (!upgrade(io, client, server)) std::abort();

  client.next_layer().append(std::string_view(reinterpret_cast<const char*>(data + 1), size - 1));
  client.next_layer().close_remote();
  beast::flat_buffer buffer;
  for (int i = 0; i < kMaxMessages && read_message(client, buffer, cap); ++i) {
  }
  return 0;
}
