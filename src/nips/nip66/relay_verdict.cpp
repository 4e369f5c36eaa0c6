#include "nips/nip66/relay_verdict.hpp"

namespace bigbrotr::nips {

namespace {

using models::StatusReason;

// The verdict from the answers alone.
models::StatusVerdict judge_answers(const ProbeEvidence& evidence) {
  if (evidence.open_failure) {
    const utils::TransportError& failure = *evidence.open_failure;
    return models::down_verdict(utils::status_reason(failure), failure.reason, failure.http_status);
  }
  if (evidence.read_refusal) {
    if (auto reason = models::refusal_reason(*evidence.read_refusal, StatusReason::restricted))
      return models::restricted_verdict(*reason, *evidence.read_refusal);
  }
  if (evidence.write_refusal) {
    if (auto reason = models::refusal_reason(*evidence.write_refusal, StatusReason::writes))
      return models::restricted_verdict(*reason, *evidence.write_refusal);
  }
  if (evidence.read_answered || evidence.write_answered) {
    return models::up_verdict(evidence.read_refusal.value_or(evidence.write_refusal.value_or("")));
  }
  if (evidence.auth_challenged) return models::restricted_verdict(StatusReason::auth, "AUTH challenge");
  return models::down_verdict(StatusReason::silent,
                              evidence.silence.empty() ? "no answer to REQ" : evidence.silence);
}

}  // namespace

models::StatusVerdict judge_probe(const ProbeEvidence& evidence) {
  models::StatusVerdict verdict = judge_answers(evidence);
  verdict.auth_challenged = evidence.auth_challenged;
  return verdict;
}

}  // namespace bigbrotr::nips
