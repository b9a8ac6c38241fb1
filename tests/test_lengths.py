import pytest

from summarizer.settings import LENGTH_PRESETS
from summarizer.summarise.lengths import length_budget


@pytest.mark.parametrize("input_tokens", [0, 5, 50, 200, 700, 1024, 5000, 100_000])
@pytest.mark.parametrize("model_max", [20, 84, 142])
def test_presets_strictly_increase(input_tokens, model_max):
    budgets = [length_budget(p, input_tokens, model_max) for p in LENGTH_PRESETS]
    maxima = [b.max_tokens for b in budgets]
    assert maxima == sorted(set(maxima)), maxima
    assert all(0 < b.min_tokens <= b.max_tokens for b in budgets)


def test_budget_grows_with_input_until_the_model_ceiling():
    assert length_budget("medium", 300, 142).max_tokens < length_budget("medium", 600, 142).max_tokens
    assert length_budget("medium", 5000, 142).max_tokens == 142


def test_overrides_win():
    budget = length_budget("short", 1000, 142, min_override=30, max_override=90)
    assert (budget.min_tokens, budget.max_tokens) == (30, 90)
    assert length_budget("short", 1000, 142, min_override=120).max_tokens >= 120
