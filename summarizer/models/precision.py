"""The number format each architecture computes in, per device and runtime: decided here only.

T5-family models (T5, mT5) overflow in float16: their activations pass float16's largest value (65,504)
and the output turns to NaN, or mt5-small crashes on a GPU with the stock CTranslate2 4.8 wheel
(CTranslate2 issues #1074 and #2102). bfloat16 keeps float32's range, so they get that where the GPU
has it, and float32 where it has not. Every other catalogue architecture runs float16 on a GPU.
"""

from __future__ import annotations

from collections.abc import Collection

T5_FAMILY = frozenset({"t5", "mt5", "umt5", "longt5"})


def compute_type(model_type: str, device: str, runtime: str, gpu_supports: Collection[str] = ()) -> str:
    """A CTranslate2 compute type, which is also the torch dtype's name on the reference runtime.

    `runtime` is "fast" (CTranslate2: int8 on the CPU) or "reference" (transformers: full precision on
    the CPU); `gpu_supports` lists the half-precision types the GPU computes efficiently."""
    if device != "cuda":
        return "int8" if runtime == "fast" else "float32"
    half = "bfloat16" if model_type in T5_FAMILY else "float16"
    return half if half in gpu_supports else "float32"
