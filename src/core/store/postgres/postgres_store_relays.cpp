// PostgresStore: relays and validation candidates.
#include "core/store/postgres/postgres_statements.hpp"
#include "core/store/postgres/postgres_store.hpp"
#include "core/store/postgres/postgres_store_support.hpp"

namespace bigbrotr::core::store::postgres {
namespace {

// relay_insert's three parallel arrays.
PgParams relay_arrays(std::span<const models::Relay> relays) {
  ArrayLiteral urls;
  ArrayLiteral networks;
  ArrayLiteral discovered;
  for (const auto& relay : relays) {
    urls.add(relay.url());
    networks.add(models::to_string(relay.network()));
    discovered.add(relay.discovered_at());
  }
  return {urls.take(), networks.take(), discovered.take()};
}

}  // namespace

std::size_t PostgresStore::insert_relays(std::span<const models::Relay> relays) {
  return for_each_batch(relays, batch_size(), [&](std::span<const models::Relay> batch) {
    return transact(Work::batch, [&](PgConnection& connection) {
      return as_size(connection.exec_params(sql::kRelayInsert, relay_arrays(batch)).int64(0, 0));
    });
  });
}

std::vector<models::Relay> PostgresStore::relays(std::span<const models::NetworkType> networks) {
  return transact(Work::query, [&](PgConnection& connection) {
    const PgResult result = connection.exec_params(sql::kRelays, {network_array(networks)});
    std::vector<models::Relay> relays;
    relays.reserve(static_cast<std::size_t>(result.rows()));
    for (int row = 0; row < result.rows(); ++row) {
      if (auto relay = relay_from_row(result.text(row, 0), result.int64(row, 1)))
        relays.push_back(std::move(*relay));
    }
    return relays;
  });
}

std::size_t PostgresStore::delete_relays(std::span<const std::string> urls) {
  return for_each_batch(urls, batch_size(), [&](std::span<const std::string> batch) {
    return transact(Work::batch, [&](PgConnection& connection) {
      return as_size(connection.exec_params(sql::kRelayDelete, {text_array(batch)}).affected_rows());
    });
  });
}

std::size_t PostgresStore::add_candidates(std::span<const models::Relay> relays, std::int64_t now) {
  return for_each_batch(relays, batch_size(), [&](std::span<const models::Relay> batch) {
    PgParams arrays = relay_arrays(batch);
    arrays[2] = std::to_string(now);
    return transact(Work::batch, [&](PgConnection& connection) {
      return as_size(connection.exec_params(sql::kCandidateAdd, arrays).affected_rows());
    });
  });
}

std::size_t PostgresStore::count_candidates(const CandidateFilter& filter) {
  return transact(Work::query, [&](PgConnection& connection) {
    const PgParams params{network_array(filter.networks), std::to_string(filter.retry_before)};
    return as_size(connection.exec_params(sql::kCandidateCount, params).int64(0, 0));
  });
}

namespace {

// Rows of (url, failures, timestamp) as candidates; the relay's discovered_at is the
// candidate's last attempt (registration time until its first failure).
template <class ToRelay>
std::vector<Candidate> candidates_from(const PgResult& result, ToRelay&& to_relay) {
  std::vector<Candidate> candidates;
  candidates.reserve(static_cast<std::size_t>(result.rows()));
  for (int row = 0; row < result.rows(); ++row) {
    const std::int64_t timestamp = result.int64(row, 2);
    if (auto relay = to_relay(result.text(row, 0), timestamp)) {
      candidates.push_back(Candidate{std::move(*relay), result.int64(row, 1), timestamp});
    }
  }
  return candidates;
}

}  // namespace

std::vector<Candidate> PostgresStore::candidates(const CandidateFilter& filter, std::size_t limit) {
  return transact(Work::query, [&](PgConnection& connection) {
    const PgParams params{network_array(filter.networks), std::to_string(filter.retry_before),
                          size_param(limit)};
    return candidates_from(connection.exec_params(sql::kCandidatesEligible, params),
                           [&](std::string_view url, std::int64_t at) { return relay_from_row(url, at); });
  });
}

std::vector<Candidate> PostgresStore::all_candidates() {
  return transact(Work::query, [&](PgConnection& connection) {
    return candidates_from(connection.exec_params(sql::kCandidatesAll, {}),
                           [&](std::string_view url, std::int64_t at) { return relay_from_row(url, at); });
  });
}

std::size_t PostgresStore::record_candidate_failures(std::span<const Candidate> failed, std::int64_t now) {
  return for_each_batch(failed, batch_size(), [&](std::span<const Candidate> batch) {
    ArrayLiteral urls;
    ArrayLiteral networks;
    ArrayLiteral failures;
    for (const auto& candidate : batch) {
      urls.add(candidate.relay.url());
      networks.add(models::to_string(candidate.relay.network()));
      failures.add(candidate.failures + 1);
    }
    const PgParams params{urls.take(), networks.take(), failures.take(), std::to_string(now)};
    return transact(Work::batch, [&](PgConnection& connection) {
      return as_size(connection.exec_params(sql::kCandidateFailures, params).affected_rows());
    });
  });
}

std::size_t PostgresStore::promote_candidates(std::span<const models::Relay> valid) {
  return for_each_batch(valid, batch_size(), [&](std::span<const models::Relay> batch) {
    const PgParams arrays = relay_arrays(batch);
    return transact(Work::batch, [&](PgConnection& connection) {
      const auto inserted = as_size(connection.exec_params(sql::kRelayInsert, arrays).int64(0, 0));
      connection.exec_params(sql::kCandidatesDelete, {arrays[0]});
      return inserted;
    });
  });
}

std::size_t PostgresStore::delete_promoted_candidates() {
  return transact(Work::batch, [](PgConnection& connection) {
    return as_size(connection.exec_params(sql::kCandidatesDeletePromoted, {}).affected_rows());
  });
}

std::size_t PostgresStore::delete_exhausted_candidates(std::int64_t max_failures) {
  return transact(Work::batch, [&](PgConnection& connection) {
    return as_size(connection.exec_params(sql::kCandidatesDeleteExhausted, {std::to_string(max_failures)})
                       .affected_rows());
  });
}

}  // namespace bigbrotr::core::store::postgres
