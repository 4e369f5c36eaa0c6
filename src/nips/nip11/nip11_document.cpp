#include "nips/nip11/nip11_document.hpp"

#include <boost/json/array.hpp>

namespace bigbrotr::nips {
namespace {

template <class T>
void put(boost::json::object& out, const char* key, const std::optional<T>& value) {
  if (value) out[key] = *value;
}

template <class T>
void put_array(boost::json::object& out, const char* key, const std::vector<T>& values) {
  if (values.empty()) return;
  boost::json::array array;
  for (const auto& value : values) array.emplace_back(value);
  out[key] = std::move(array);
}

boost::json::object limitation_json(const Nip11Limitation& limitation) {
  boost::json::object out;
  put(out, "max_message_length", limitation.max_message_length);
  put(out, "max_subscriptions", limitation.max_subscriptions);
  put(out, "max_limit", limitation.max_limit);
  put(out, "max_subid_length", limitation.max_subid_length);
  put(out, "max_event_tags", limitation.max_event_tags);
  put(out, "max_content_length", limitation.max_content_length);
  put(out, "min_pow_difficulty", limitation.min_pow_difficulty);
  put(out, "created_at_lower_limit", limitation.created_at_lower_limit);
  put(out, "created_at_upper_limit", limitation.created_at_upper_limit);
  put(out, "default_limit", limitation.default_limit);
  put(out, "auth_required", limitation.auth_required);
  put(out, "payment_required", limitation.payment_required);
  put(out, "restricted_writes", limitation.restricted_writes);
  return out;
}

boost::json::array retention_json(const std::vector<Nip11Retention>& retention) {
  boost::json::array out;
  for (const auto& entry : retention) {
    boost::json::object item;
    if (!entry.kinds.empty()) {
      boost::json::array kinds;
      for (const auto& kind : entry.kinds) {
        if (kind.last) {
          kinds.emplace_back(boost::json::array{kind.first, *kind.last});
        } else {
          kinds.emplace_back(kind.first);
        }
      }
      item["kinds"] = std::move(kinds);
    }
    put(item, "time", entry.time);
    put(item, "count", entry.count);
    out.emplace_back(std::move(item));
  }
  return out;
}

boost::json::array fees_json(const std::vector<Nip11Fee>& fees) {
  boost::json::array out;
  for (const auto& fee : fees) {
    boost::json::object item;
    put(item, "amount", fee.amount);
    put(item, "unit", fee.unit);
    put(item, "period", fee.period);
    put_array(item, "kinds", fee.kinds);
    out.emplace_back(std::move(item));
  }
  return out;
}

}  // namespace

boost::json::object Nip11Document::to_json() const {
  boost::json::object out;
  put(out, "name", name);
  put(out, "description", description);
  put(out, "banner", banner);
  put(out, "icon", icon);
  put(out, "pubkey", pubkey);
  put(out, "self", self_pubkey);
  put(out, "contact", contact);
  put(out, "software", software);
  put(out, "version", version);
  put(out, "privacy_policy", privacy_policy);
  put(out, "terms_of_service", terms_of_service);
  put(out, "posting_policy", posting_policy);
  put(out, "payments_url", payments_url);
  put_array(out, "supported_nips", supported_nips);
  put_array(out, "relay_countries", relay_countries);
  put_array(out, "language_tags", language_tags);
  put_array(out, "tags", tags);
  put_array(out, "attributes", attributes);
  out["limitation"] = limitation_json(limitation);
  out["retention"] = retention_json(retention);
  boost::json::object fee_schedules;
  fee_schedules["admission"] = fees_json(fees.admission);
  fee_schedules["subscription"] = fees_json(fees.subscription);
  fee_schedules["publication"] = fees_json(fees.publication);
  out["fees"] = std::move(fee_schedules);
  return out;
}

}  // namespace bigbrotr::nips
