"""Numbers as Indonesian readers write them: a decimal comma and a thousands dot ("0,81",
"12.345", "0,5 hari"). Every template prints numbers through `number`, its `num` filter, so a
score, a threshold and a count of days look alike on every page.
"""

from __future__ import annotations

from numbers import Real


def number(value: object, digits: int = 0, percent: bool = False) -> str:
    """`value` rounded to `digits` decimals in Indonesian notation, or with `percent` a share
    (0.81) as a percentage ("81%"); "—" for None, and anything that is not a number (a metric
    a model card left out) as it is."""
    if value is None:
        return "—"
    if isinstance(value, bool) or not isinstance(value, Real):
        return str(value)
    text = f"{value * 100 if percent else value:,.{digits}f}"  # "12,345.67"
    text = text.replace(",", " ").replace(".", ",").replace(" ", ".")
    return text + "%" if percent else text
