"""Confidence intervals over independent replications (Student t, 95 %) and pooled ratios, without scipy."""

from __future__ import annotations

import math
from collections.abc import Sequence

# t_{0.975, df} for df = 1..30 (any statistics table, e.g. NIST/SEMATECH e-Handbook §1.3.6.7.2)
_T975 = (
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
    2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
    2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
)  # fmt: skip
_Z975 = 1.959964


def t975(df: int) -> float:
    if df < 1:
        raise ValueError("a t quantile needs at least one degree of freedom")
    if df <= len(_T975):
        return _T975[df - 1]
    z = _Z975  # Cornish-Fisher expansion: within 1e-4 of the exact quantile beyond df = 30
    return z + (z**3 + z) / (4 * df) + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * df**2)


def mean_interval(values: Sequence[float]) -> tuple[float, tuple[float, float] | None]:
    """The mean and its 95 % confidence interval (None with fewer than two values)."""
    count = len(values)
    mean = sum(values) / count
    if count < 2:
        return mean, None
    variance = sum((value - mean) ** 2 for value in values) / (count - 1)
    half = t975(count - 1) * math.sqrt(variance / count)
    return mean, (mean - half, mean + half)


def pooled_ratio(numerators: Sequence[int], denominators: Sequence[int]) -> tuple[float, tuple[float, float]]:
    """Σ numerators / Σ denominators and its 95 % interval, clamped to [0, 1].

    Regulators measure one ratio per period weighted by live answers (47 CFR 64.1200(a)(7): abandoned
    calls over calls answered live, per campaign per 30 days), so days are pooled, not averaged. With
    two or more days the interval is the ratio estimator's (Cochran, Sampling Techniques, §6.3: the
    variance of Σa/Σl from the residuals a_i - r·l_i, Student t over days); with one day it is the
    Wilson score interval of the pooled counts."""
    if len(numerators) != len(denominators) or not numerators:
        raise ValueError("a pooled ratio needs as many numerators as denominators, at least one")
    total, base = sum(numerators), sum(denominators)
    if base == 0:
        return 0.0, (0.0, 0.0)
    rate = total / base
    count = len(numerators)
    if count < 2:
        low, high = _wilson(total, base)
    else:
        mean_base = base / count
        residual = sum((a - rate * n) ** 2 for a, n in zip(numerators, denominators, strict=True))
        half = t975(count - 1) * math.sqrt(residual / (count - 1) / count) / mean_base
        low, high = rate - half, rate + half
    return rate, (max(0.0, low), min(1.0, high))


def _wilson(successes: int, trials: int) -> tuple[float, float]:
    z = _Z975
    share = successes / trials
    centre = share + z * z / (2 * trials)
    spread = z * math.sqrt(share * (1 - share) / trials + z * z / (4 * trials * trials))
    scale = 1 + z * z / trials
    return (centre - spread) / scale, (centre + spread) / scale
