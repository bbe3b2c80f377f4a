"""The bounds the Genesys conversation aggregates reads stay inside: interval, predicates, metrics per query."""

from __future__ import annotations

from dataclasses import dataclass

AGGREGATES_PATH = "/api/v2/analytics/conversations/aggregates/query"
"""POST, body ConversationAggregationQuery, answer ConversationAggregateQueryResponse
(AnalyticsApi.post_analytics_conversations_aggregates_query, purecloudplatformclientv2 269.0.0).
The answer is not paged: one body holds every group and interval (the response model has no paging fields)."""


@dataclass(frozen=True)
class AnalyticsLimits:
    """Per-query bounds. The public sources read for this change (the SDK models, developer.genesys.cloud
    pages in reach) give no figure for the aggregates query's maximum interval or predicate count, so
    these are deliberately conservative, the emulator enforces the same ones, and docs/monitor-sources.md
    says they are assumed. Raise them only against the developer center's published analytics limits."""

    max_interval_days: int = 7
    max_predicates: int = 50
    max_metrics: int = 10

    def describe(self) -> dict[str, int]:
        return {
            "max_interval_days": self.max_interval_days,
            "max_predicates": self.max_predicates,
            "max_metrics": self.max_metrics,
        }


DEFAULT_ANALYTICS_LIMITS = AnalyticsLimits()
