#include <iostream>
#include <string>

#include "app/commands.hpp"
#include "utils/keys.hpp"

namespace bigbrotr::app {
namespace {

void print_public(const utils::Keys& keys) {
  std::cout << "public_key_hex " << keys.public_key_hex() << '\n' << "npub " << keys.npub() << '\n';
}

}  // namespace

void add_keys_command(CLI::App& app, int& exit_code) {
  CLI::App* keys = app.add_subcommand("keys", "Nostr key tools (NIP-19 npub/nsec)");
  keys->require_subcommand(1);

  CLI::App* generate = keys->add_subcommand(
      "generate",
      "Generate a new key pair. Prints the secret (hex and nsec) and the public key (hex and npub) "
      "to stdout only; store the secret in NOSTR_PRIVATE_KEY");
  generate->callback([&exit_code] {
    const utils::Keys generated = utils::Keys::generate();
    std::cout << "secret_key_hex " << generated.reveal_secret_hex() << '\n'
              << "nsec " << generated.reveal_nsec() << '\n';
    print_public(generated);
    exit_code = 0;
  });

  auto variable = std::make_shared<std::string>("NOSTR_PRIVATE_KEY");
  CLI::App* show = keys->add_subcommand(
      "show", "Print the public key (hex and npub) of the secret key in the environment; never the secret");
  show->add_option("--env", *variable, "Environment variable holding the secret key (64 hex or nsec1...)")
      ->capture_default_str();
  show->callback([&exit_code, variable] {
    auto loaded = utils::Keys::from_environment(*variable);
    if (!loaded) {
      std::cerr << "bigbrotr: " << loaded.reason() << " (create one with: bigbrotr keys generate)\n";
      exit_code = 2;
      return;
    }
    print_public(*loaded);
    exit_code = 0;
  });
}

}  // namespace bigbrotr::app
