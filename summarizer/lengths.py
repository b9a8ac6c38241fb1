"""Length presets -> token budgets, derived from the model's tuned maximum and the input's length."""

from __future__ import annotations

from dataclasses import dataclass

# preset: (share of the input, ceiling as a multiple of the model's tuned maximum, floor in tokens)
_PRESETS = {"short": (0.10, 0.5, 16), "medium": (0.20, 1.0, 32), "long": (0.35, 2.0, 48)}
_MIN_SHARE = 0.4  # the CNN models ship min 56 / max 142: about this share


@dataclass(frozen=True)
class LengthBudget:
    min_tokens: int
    max_tokens: int


def length_budget(preset: str, input_tokens: int, model_max_tokens: int,
                  min_override: int | None = None, max_override: int | None = None) -> LengthBudget:
    """Strictly increasing from short to long for any input: both the floors and the shares grow."""
    share, ceiling_factor, floor = _PRESETS[preset]
    ceiling = max(floor, round(ceiling_factor * model_max_tokens))
    max_tokens = min(max(round(share * input_tokens), floor), ceiling)
    if max_override is not None:
        max_tokens = max_override
    elif min_override is not None:
        max_tokens = max(max_tokens, min_override)
    min_tokens = min_override if min_override is not None else round(_MIN_SHARE * max_tokens)
    return LengthBudget(min(min_tokens, max_tokens), max_tokens)
