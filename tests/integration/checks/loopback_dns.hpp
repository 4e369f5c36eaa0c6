#pragma once

#include <memory>
#include <string>
#include <vector>

#include "integration/checks/child_process.hpp"

// A dnsmasq on 127.0.0.1 that answers only for the names a suite gives it, so that
// tests can give a relay a host name without asking the system's resolver: the
// transport's `dns_server` (and the dns check's server) point at it.
namespace bigbrotr::testing {

class LoopbackDns {
 public:
  // `host_records`: dnsmasq --host-record values, "name,address[,address...]". Every
  // other name is answered NXDOMAIN (--no-resolv: nothing is forwarded).
  explicit LoopbackDns(const std::vector<std::string>& host_records) {
    port_ = free_port();
    std::vector<std::string> argv{"/usr/sbin/dnsmasq",
                                  "--no-daemon",
                                  "--conf-file=/dev/null",
                                  "--no-resolv",
                                  "--no-hosts",
                                  "--port=" + std::to_string(port_),
                                  "--listen-address=127.0.0.1",
                                  "--bind-interfaces",
                                  "--pid-file=",
                                  "--user=root"};
    for (const std::string& record : host_records) argv.push_back("--host-record=" + record);
    process_ = std::make_unique<ChildProcess>(argv, dir_.path() / "dnsmasq.log");
    if (!wait_for_tcp(port_)) throw std::runtime_error("dnsmasq did not start: " + process_->log());
  }

  // "127.0.0.1:<port>", the form TransportOptions::dns_server takes.
  std::string server() const { return "127.0.0.1:" + std::to_string(port_); }

 private:
  TempDir dir_;
  int port_ = 0;
  std::unique_ptr<ChildProcess> process_;
};

}  // namespace bigbrotr::testing
