"""The conventions every page follows, in words, stated once and shown in each page's limitations."""
from __future__ import annotations

CONVENTIONS = {
    "targets": (
        "**Targets are exact.** A target is a stated number, not a measurement: 6% is read as 6.0%, "
        "never as anything that rounds to 6 ([5.5, 6.5)). 左右 (about) is shown as ≈ and not widened; 以上 "
        "(at least) makes a floor, 以内 (at most) a ceiling. Intervals of figures derived from a target "
        "cover only the rounding of the reported figures it is applied to."),
    "rounding": (
        "**Rounding and digits.** A reported figure stands for every value that rounds to it (27.6 for "
        "[27.55, 27.65)); a count (67家) is exact, and a threshold (突破500亿元, over 500) is a bound, not a "
        "rounded number. A derived figure is shown to the digits its interval supports (the place of the "
        "leading digit of its half-width, so 34,816.6 ± 17 is shown as 34,820), and its interval one digit "
        "finer with the ends rounded outward (low down, high up), so the interval shown always contains "
        "the true one. Within one table, derived figures of one unit share one number of decimals: the fewest "
        "any of them supports. A level an about (左右) target implies has no interval: it is shown to the "
        "digits of the figure it is applied to."),
    "causes": (
        "**Causes are not claimed.** Where a reported rate and the levels it comes with disagree beyond "
        "rounding, the possible causes are a revised prior-year base, a change in coverage (firms entering "
        "or leaving a statistical population, a changed definition), a preliminary (预计) base or outcome, "
        "or, for real rates, price changes. The figures cannot tell which; the pages name the possibilities "
        "and claim none."),
    "other_sources": (
        "**Other sources of funds.** A budget's expenditure beyond its own revenue is covered by other "
        "sources, which the report does not break down: possibly transfers from higher levels of "
        "government, borrowing (government bonds), funds moved in from other budget accounts (调入资金), "
        "the budget stabilisation fund (预算稳定调节基金) and balances carried over from earlier years "
        "(上年结转). The gap is what they cover together; no one of them is assumed."),
}


def conventions(*names: str) -> str:
    """The named conventions (keys of CONVENTIONS) as a Markdown list, in the order asked."""
    return "\n".join(f"- {CONVENTIONS[name]}" for name in names)
