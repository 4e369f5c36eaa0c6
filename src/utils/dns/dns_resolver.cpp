#include "utils/dns/dns_resolver.hpp"

#include <ares.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cstring>
#include <mutex>
#include <stdexcept>

#include "models/ip_literal.hpp"

namespace bigbrotr::utils {
namespace {

using Clock = std::chrono::steady_clock;

void init_library() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (ares_library_init(ARES_LIB_INIT_ALL) != ARES_SUCCESS)
      throw std::runtime_error("c-ares: library init failed");
  });
}

DnsErrorCode code_of(int status) {
  switch (status) {
    case ARES_ENOTFOUND:
      return DnsErrorCode::not_found;
    case ARES_ENODATA:
      return DnsErrorCode::no_data;
    case ARES_ETIMEOUT:
    case ARES_ECANCELLED:
      return DnsErrorCode::timeout;
    case ARES_ESERVFAIL:
      return DnsErrorCode::server_failure;
    case ARES_EREFUSED:
      return DnsErrorCode::refused;
    case ARES_ECONNREFUSED:
      return DnsErrorCode::connection_refused;
    case ARES_EBADNAME:
    case ARES_EBADQUERY:
    case ARES_EBADFAMILY:
      return DnsErrorCode::bad_query;
    case ARES_EBADRESP:
    case ARES_EFORMERR:
      return DnsErrorCode::bad_response;
    default:
      return DnsErrorCode::other;
  }
}

DnsError error_of(int status) { return DnsError{code_of(status), ares_strerror(status)}; }

// One c-ares channel, driven with poll() until its queries finish or the deadline
// passes (then they are cancelled, which completes them with ARES_ECANCELLED).
class Channel {
 public:
  Channel(const DnsResolverOptions& options, std::chrono::milliseconds timeout, bool dns_only) {
    init_library();
    ares_options opts{};
    opts.timeout = static_cast<int>(std::max<std::int64_t>(1, timeout.count() / std::max(1, options.tries)));
    opts.tries = std::max(1, options.tries);
    char lookups_dns[] = "b";
    char lookups_system[] = "fb";
    opts.lookups = dns_only ? lookups_dns : lookups_system;
    status_ = ares_init_options(&channel_, &opts, ARES_OPT_TIMEOUTMS | ARES_OPT_TRIES | ARES_OPT_LOOKUPS);
    if (status_ == ARES_SUCCESS && !options.server.empty())
      status_ = ares_set_servers_ports_csv(channel_, options.server.c_str());
  }
  ~Channel() {
    if (channel_ != nullptr) ares_destroy(channel_);
  }
  Channel(const Channel&) = delete;
  Channel& operator=(const Channel&) = delete;

  int status() const { return status_; }
  ares_channel get() const { return channel_; }

  // Returns false when the deadline cancelled what was still in flight.
  bool run_until(Clock::time_point deadline) {
    for (;;) {
      ares_socket_t sockets[ARES_GETSOCK_MAXNUM];
      const int mask = ares_getsock(channel_, sockets, ARES_GETSOCK_MAXNUM);
      pollfd fds[ARES_GETSOCK_MAXNUM];
      nfds_t count = 0;
      for (int i = 0; i < ARES_GETSOCK_MAXNUM; ++i) {
        const short events = static_cast<short>((ARES_GETSOCK_READABLE(mask, i) ? POLLIN : 0) |
                                                (ARES_GETSOCK_WRITABLE(mask, i) ? POLLOUT : 0));
        if (events != 0) fds[count++] = pollfd{sockets[i], events, 0};
      }
      if (count == 0) return true;  // nothing in flight: every query has completed
      const auto now = Clock::now();
      if (now >= deadline) {
        ares_cancel(channel_);
        return false;
      }
      timeval max_wait{};
      const auto left = std::chrono::duration_cast<std::chrono::microseconds>(deadline - now).count();
      max_wait.tv_sec = static_cast<time_t>(left / 1000000);
      max_wait.tv_usec = static_cast<suseconds_t>(left % 1000000);
      timeval wait{};
      const timeval* chosen = ares_timeout(channel_, &max_wait, &wait);
      const int wait_ms = static_cast<int>(chosen->tv_sec * 1000 + (chosen->tv_usec + 999) / 1000);
      const int ready = ::poll(fds, count, wait_ms);
      if (ready <= 0) {
        ares_process_fd(channel_, ARES_SOCKET_BAD, ARES_SOCKET_BAD);  // let c-ares handle its timeouts
        continue;
      }
      for (nfds_t i = 0; i < count; ++i) {
        const bool readable = (fds[i].revents & (POLLIN | POLLERR | POLLHUP)) != 0;
        const bool writable = (fds[i].revents & POLLOUT) != 0;
        ares_process_fd(channel_, readable ? fds[i].fd : ARES_SOCKET_BAD,
                        writable ? fds[i].fd : ARES_SOCKET_BAD);
      }
    }
  }

 private:
  ares_channel channel_ = nullptr;
  int status_ = ARES_SUCCESS;
};

struct QueryState {
  DnsRecordType type;
  bool done = false;
  DnsResult<std::vector<DnsRecord>> result =
      DnsError{DnsErrorCode::timeout, "Timeout while contacting DNS servers"};
};

void on_query(void* arg, int status, int /*timeouts*/, unsigned char* answer, int length) {
  auto* state = static_cast<QueryState*>(arg);
  state->done = true;
  if (status != ARES_SUCCESS) {
    state->result = error_of(status);
    return;
  }
  auto records =
      parse_dns_answers(std::span<const std::uint8_t>(answer, static_cast<std::size_t>(length)), state->type);
  if (records && records->empty()) {
    state->result = DnsError{DnsErrorCode::no_data, ares_strerror(ARES_ENODATA)};
  } else {
    state->result = std::move(records);
  }
}

struct AddressState {
  bool done = false;
  std::optional<std::string> first;
};

void on_addrinfo(void* arg, int status, int /*timeouts*/, ares_addrinfo* info) {
  auto* state = static_cast<AddressState*>(arg);
  state->done = true;
  if (status == ARES_SUCCESS && info != nullptr) {
    for (const ares_addrinfo_node* node = info->nodes; node != nullptr && !state->first;
         node = node->ai_next) {
      char text[INET6_ADDRSTRLEN] = {};
      if (node->ai_family == AF_INET) {
        const auto* address = reinterpret_cast<const sockaddr_in*>(node->ai_addr);
        if (inet_ntop(AF_INET, &address->sin_addr, text, sizeof text) != nullptr) state->first = text;
      } else if (node->ai_family == AF_INET6) {
        const auto* address = reinterpret_cast<const sockaddr_in6*>(node->ai_addr);
        if (inet_ntop(AF_INET6, &address->sin6_addr, text, sizeof text) != nullptr) state->first = text;
      }
    }
  }
  if (info != nullptr) ares_freeaddrinfo(info);
}

struct AllAddressesState {
  int status = ARES_ETIMEOUT;
  std::vector<models::IpLiteral> addresses;
};

models::IpLiteral literal_of(const ares_addrinfo_node& node) {
  models::IpLiteral literal;
  if (node.ai_family == AF_INET) {
    const auto* address = reinterpret_cast<const sockaddr_in*>(node.ai_addr);
    std::memcpy(literal.bytes.data(), &address->sin_addr, 4);
  } else {
    literal.family = models::IpLiteral::Family::v6;
    const auto* address = reinterpret_cast<const sockaddr_in6*>(node.ai_addr);
    std::memcpy(literal.bytes.data(), &address->sin6_addr, 16);
  }
  return literal;
}

void on_all_addresses(void* arg, int status, int /*timeouts*/, ares_addrinfo* info) {
  auto* state = static_cast<AllAddressesState*>(arg);
  state->status = status;
  if (status == ARES_SUCCESS && info != nullptr) {
    for (const ares_addrinfo_node* node = info->nodes; node != nullptr; node = node->ai_next) {
      if (node->ai_family != AF_INET && node->ai_family != AF_INET6) continue;
      const models::IpLiteral literal = literal_of(*node);
      if (std::find_if(state->addresses.begin(), state->addresses.end(), [&](const models::IpLiteral& seen) {
            return seen.family == literal.family && seen.bytes == literal.bytes;
          }) == state->addresses.end())
        state->addresses.push_back(literal);
    }
  }
  if (info != nullptr) ares_freeaddrinfo(info);
}

}  // namespace

DnsResult<std::vector<models::IpLiteral>> DnsResolver::resolve_addresses(
    std::string_view host, std::chrono::milliseconds timeout) const {
  if (const auto literal = models::parse_ip_literal(host)) return std::vector<models::IpLiteral>{*literal};
  if (host.empty() || host.find('\0') != std::string_view::npos)
    return DnsError{DnsErrorCode::bad_query, "invalid name"};
  Channel channel(options_, timeout, !options_.server.empty());
  if (channel.status() != ARES_SUCCESS) return error_of(channel.status());
  ares_addrinfo_hints hints{};
  hints.ai_family = AF_UNSPEC;
  AllAddressesState state;
  const std::string name(host);
  ares_getaddrinfo(channel.get(), name.c_str(), nullptr, &hints, on_all_addresses, &state);
  channel.run_until(Clock::now() + timeout);
  if (state.status != ARES_SUCCESS) return error_of(state.status);
  if (state.addresses.empty()) return DnsError{DnsErrorCode::no_data, ares_strerror(ARES_ENODATA)};
  return std::move(state.addresses);
}

DnsResolver::DnsResolver(DnsResolverOptions options) : options_(std::move(options)) {}

DnsResult<std::vector<DnsRecord>> DnsResolver::query(std::string_view name, DnsRecordType type) const {
  if (name.empty() || name.find('\0') != std::string_view::npos)
    return DnsError{DnsErrorCode::bad_query, "invalid name"};
  Channel channel(options_, options_.timeout, true);
  if (channel.status() != ARES_SUCCESS) return error_of(channel.status());
  QueryState state{type};
  const std::string query_name(name);
  ares_query(channel.get(), query_name.c_str(), 1 /* class IN */, static_cast<int>(type), on_query, &state);
  channel.run_until(Clock::now() + options_.timeout);
  return std::move(state.result);
}

DnsResult<AddressRecords> DnsResolver::resolve_a(std::string_view name) const {
  auto records = query(name, DnsRecordType::a);
  if (!records) return records.error();
  AddressRecords out;
  out.ttl = records->front().ttl;
  for (const auto& record : *records) {
    out.addresses.push_back(record.value);
    out.ttl = std::min(out.ttl, record.ttl);
  }
  return out;
}

namespace {
DnsResult<std::vector<std::string>> values(DnsResult<std::vector<DnsRecord>> records) {
  if (!records) return records.error();
  std::vector<std::string> out;
  for (const auto& record : *records) out.push_back(record.value);
  return out;
}
}  // namespace

DnsResult<std::vector<std::string>> DnsResolver::resolve_aaaa(std::string_view name) const {
  return values(query(name, DnsRecordType::aaaa));
}

DnsResult<std::string> DnsResolver::resolve_cname(std::string_view name) const {
  auto records = query(name, DnsRecordType::cname);
  if (!records) return records.error();
  return records->front().value;
}

DnsResult<std::vector<std::string>> DnsResolver::resolve_ns(std::string_view name) const {
  return values(query(name, DnsRecordType::ns));
}

DnsResult<std::vector<std::string>> DnsResolver::resolve_ptr(std::string_view address) const {
  const auto name = reverse_lookup_name(address);
  if (!name) return DnsError{DnsErrorCode::bad_query, "not an IP address"};
  return values(query(*name, DnsRecordType::ptr));
}

HostAddresses DnsResolver::resolve_host(std::string_view host, std::chrono::milliseconds total,
                                        std::chrono::milliseconds per_lookup) const {
  HostAddresses out;
  if (const auto literal = models::parse_ip_literal(host)) {
    (literal->family == models::IpLiteral::Family::v4 ? out.ipv4 : out.ipv6) = literal->to_string();
    return out;
  }
  const std::string name(host);
  const auto deadline = Clock::now() + total;
  for (const int family : {AF_INET, AF_INET6}) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) {
      out.timed_out = true;
      break;
    }
    const auto bound = std::min(left, per_lookup);
    Channel channel(options_, bound, !options_.server.empty());
    if (channel.status() != ARES_SUCCESS) continue;
    ares_addrinfo_hints hints{};
    hints.ai_family = family;
    AddressState state;
    ares_getaddrinfo(channel.get(), name.c_str(), nullptr, &hints, on_addrinfo, &state);
    const bool completed = channel.run_until(Clock::now() + bound);
    (family == AF_INET ? out.ipv4 : out.ipv6) = state.first;
    if (!completed && bound == left) out.timed_out = true;
  }
  return out;
}

}  // namespace bigbrotr::utils
