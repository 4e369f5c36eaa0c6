#pragma once

#include <openssl/x509.h>
#include <boost/json/object.hpp>

// Reading a peer certificate into the nip66_ssl fields (nips.md §5.2).
namespace bigbrotr::nips {

// ssl_fingerprint, ssl_subject_cn, ssl_issuer, ssl_issuer_cn, ssl_not_before,
// ssl_expires, ssl_san, ssl_serial, ssl_version, each when the certificate has it.
// Borrows `certificate`.
boost::json::object certificate_fields(X509* certificate);

}  // namespace bigbrotr::nips
