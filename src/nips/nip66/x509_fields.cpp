#include "nips/nip66/x509_fields.hpp"

#include <openssl/asn1.h>
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/x509v3.h>

#include <boost/json/array.hpp>

#include <ctime>
#include <optional>
#include <string>

namespace bigbrotr::nips {
namespace {

std::optional<std::string> first_entry(const X509_NAME* name, int nid) {
  if (name == nullptr) return std::nullopt;
  const int index = X509_NAME_get_index_by_NID(name, nid, -1);
  if (index < 0) return std::nullopt;
  const ASN1_STRING* data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index));
  unsigned char* utf8 = nullptr;
  const int length = ASN1_STRING_to_UTF8(&utf8, data);
  if (length < 0) return std::nullopt;
  std::string out(reinterpret_cast<char*>(utf8), static_cast<std::size_t>(length));
  OPENSSL_free(utf8);
  return out;
}

std::optional<std::int64_t> unix_time(const ASN1_TIME* time) {
  std::tm parts{};
  if (time == nullptr || ASN1_TIME_to_tm(time, &parts) != 1) return std::nullopt;
  return static_cast<std::int64_t>(timegm(&parts));
}

std::string fingerprint(X509* certificate) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (X509_digest(certificate, EVP_sha256(), digest, &length) != 1) return {};
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = "SHA256:";
  for (unsigned int i = 0; i < length; ++i) {
    if (i > 0) out += ':';
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 0x0f];
  }
  return out;
}

// Upper-case hex without leading zeros, as Python's format(serial, "X").
std::optional<std::string> serial_hex(X509* certificate) {
  BIGNUM* number = ASN1_INTEGER_to_BN(X509_get0_serialNumber(certificate), nullptr);
  if (number == nullptr) return std::nullopt;
  char* hex = BN_bn2hex(number);
  BN_free(number);
  if (hex == nullptr) return std::nullopt;
  std::string text(hex);
  OPENSSL_free(hex);
  const std::size_t sign = text.starts_with("-") ? 1 : 0;
  const std::size_t first = text.find_first_not_of('0', sign);
  text = first == std::string::npos ? text.substr(0, sign) + "0" : text.substr(0, sign) + text.substr(first);
  return text;
}

boost::json::array dns_names(X509* certificate) {
  boost::json::array out;
  auto* names =
      static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(certificate, NID_subject_alt_name, nullptr, nullptr));
  if (names == nullptr) return out;
  for (int i = 0; i < sk_GENERAL_NAME_num(names); ++i) {
    const GENERAL_NAME* name = sk_GENERAL_NAME_value(names, i);
    if (name->type != GEN_DNS) continue;
    const ASN1_IA5STRING* text = name->d.dNSName;
    out.emplace_back(std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(text)),
                                 static_cast<std::size_t>(ASN1_STRING_length(text))));
  }
  GENERAL_NAMES_free(names);
  return out;
}

}  // namespace

boost::json::object certificate_fields(X509* certificate) {
  boost::json::object data;
  if (certificate == nullptr) return data;
  if (auto text = fingerprint(certificate); !text.empty()) data["ssl_fingerprint"] = text;
  if (auto cn = first_entry(X509_get_subject_name(certificate), NID_commonName)) data["ssl_subject_cn"] = *cn;
  if (auto org = first_entry(X509_get_issuer_name(certificate), NID_organizationName))
    data["ssl_issuer"] = *org;
  if (auto cn = first_entry(X509_get_issuer_name(certificate), NID_commonName)) data["ssl_issuer_cn"] = *cn;
  if (auto when = unix_time(X509_get0_notBefore(certificate))) data["ssl_not_before"] = *when;
  if (auto when = unix_time(X509_get0_notAfter(certificate))) data["ssl_expires"] = *when;
  if (auto san = dns_names(certificate); !san.empty()) data["ssl_san"] = std::move(san);
  if (auto serial = serial_hex(certificate)) data["ssl_serial"] = *serial;
  data["ssl_version"] = static_cast<std::int64_t>(X509_get_version(certificate));
  return data;
}

}  // namespace bigbrotr::nips
